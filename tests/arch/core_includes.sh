#!/usr/bin/env bash
# Fails when src/core includes anything of ours outside src/core, or a header
# that would give the core I/O (sockets, SQL, files, clocks). STYLE.md: arrows
# point inward; core depends on nothing of ours.
set -u
src=${1:?usage: core_includes.sh SRC_DIR}
status=0
while IFS= read -r line; do
  echo "core includes outside the core: $line"
  status=1
done < <(grep -HnE '^\s*#\s*include\s*"' "$src"/core/*.[ch]pp | grep -vE '#\s*include\s*"core/')
while IFS= read -r line; do
  echo "core includes an I/O header: $line"
  status=1
done < <(grep -HnE '^\s*#\s*include\s*<(soci|sqlite3|libpq|microhttpd|sys/socket|fstream|filesystem|chrono|random|thread|cairo|pango|sodium|spdlog)' "$src"/core/*.[ch]pp)
# Nothing outside the core may be included by it under another spelling either.
while IFS= read -r line; do
  echo "core includes a relative path: $line"
  status=1
done < <(grep -HnE '^\s*#\s*include\s*"\.\./' "$src"/core/*.[ch]pp)
count=$(ls "$src"/core/*.[ch]pp | wc -l)
[ "$status" -eq 0 ] && echo "src/core: $count files, no includes from store, web, letters or app, no I/O headers"
exit $status
