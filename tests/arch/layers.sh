#!/usr/bin/env bash
# Fails when an include points the wrong way between the layers of src/
# (STYLE.md, "The shape of the house": arrows point inward).
#
#   core     includes only core, and no header that gives it I/O, a clock,
#            randomness or the environment (time and randomness come in as
#            arguments)
#   store    core, store
#   letters  core, letters
#   desk     core, store, letters, desk
#   web      anything but app
#   web      also names no store::Store outside auth.* (the sign-in
#            machinery): route handlers reach the store through a desk
#   app      everything; but the CLI command files (app/cli_*.cpp other than
#            cli_serve.cpp) and whatever they include, however deep, include
#            no web header: the CLI calls desk, never web
#
# Every quoted include names its layer ("core/date.hpp"); a relative or
# layer-less spelling would hide the direction and is refused too.
# Usage: layers.sh SRC_DIR
set -u
src=${1:?usage: layers.sh SRC_DIR}
status=0
layers="core store letters desk web app"

fail() {
  echo "$1"
  status=1
}

# The layers each layer may include.
allowed() {
  case $1 in
    core) echo "core" ;;
    store) echo "core store" ;;
    letters) echo "core letters" ;;
    desk) echo "core store letters desk" ;;
    web) echo "core store letters desk web" ;;
    app) echo "core store letters desk web app" ;;
  esac
}

# FILE:LINE:TARGET for every quoted include under one layer's directory.
quoted_includes() {
  [ -d "$src/$1" ] || return 0
  grep -rHnE --include='*.cpp' --include='*.hpp' '^\s*#\s*include\s*"' "$src/$1" |
    sed -E 's/^([^:]*:[0-9]+):\s*#\s*include\s*"([^"]*)".*/\1:\2/'
}

for layer in $layers; do
  ok=$(allowed "$layer")
  while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    target=${hit##*:}
    where=${hit%:*}
    where=${where#"$src"/}
    first=${target%%/*}
    if [ "$first" = "$target" ] || ! [[ " $layers " == *" $first "* ]]; then
      fail "$layer includes a path that names no layer: $where: \"$target\""
    elif ! [[ " $ok " == *" $first "* ]]; then
      fail "$layer may not include $first: $where: \"$target\""
    fi
  done < <(quoted_includes "$layer")
done

# Core: no header that gives it I/O, a clock, randomness or the environment.
io='soci|sqlite3|libpq|microhttpd|sys/socket|fstream|filesystem|chrono|random|thread|cairo|pango|sodium|spdlog'
io="$io|ctime|time\.h|cstdlib|stdlib\.h|iostream"
if [ -d "$src/core" ]; then
  while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    fail "core includes an I/O, clock or environment header: ${hit#"$src"/}"
  done < <(grep -rHnE --include='*.cpp' --include='*.hpp' "^\s*#\s*include\s*<($io)[>./]" "$src/core")
fi

# Web reaches the store only through the desks (src/desk): no route handler
# names the storage port. Only the sign-in machinery (auth.*) holds it, and
# the store's plain value types (store::RegisterQuery …) may pass through.
if [ -d "$src/web" ]; then
  while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    fail "web calls the store, not a desk: ${hit#"$src"/}"
  done < <(grep -rHnE --include='*.cpp' --include='*.hpp' '\bstore::Store\b|\bcontext\.store\b|\bm_store\b' "$src/web" |
    grep -vE '^[^:]*/web/auth\.(cpp|hpp):')
fi

# The CLI commands other than serve, and everything they include, however
# deep: no web header.
declare -A seen=()
queue=()
for file in "$src"/app/cli_*.cpp; do
  [ -e "$file" ] || continue
  [ "$(basename "$file")" = cli_serve.cpp ] && continue
  queue+=("${file#"$src"/}")
done
while [ ${#queue[@]} -gt 0 ]; do
  file=${queue[0]}
  queue=("${queue[@]:1}")
  [ -n "${seen[$file]:-}" ] && continue
  seen[$file]=1
  [ -f "$src/$file" ] || continue
  while IFS= read -r hit; do
    [ -n "$hit" ] || continue
    line=${hit%%:*}
    target=${hit#*:}
    case $target in
      web/*) fail "a CLI command reaches web: $file:$line: \"$target\"" ;;
      *) queue+=("$target") ;;
    esac
  done < <(grep -nE '^\s*#\s*include\s*"' "$src/$file" | sed -E 's/^([0-9]+):\s*#\s*include\s*"([^"]*)".*/\1:\2/')
done

if [ "$status" -eq 0 ]; then
  count=$(find "$src" -name '*.[ch]pp' | wc -l)
  echo "src: $count files; every include points inward (core <- store, letters <- desk <- web <- app; the CLI reaches no web header); core has no I/O header; web calls the store only through the desks"
fi
exit $status
