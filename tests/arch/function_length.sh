#!/usr/bin/env bash
# Fails when a function in src/web, src/desk or src/core/report.cpp runs over
# 80 lines (issue 14: long functions are split into named steps), or when a
# route is registered outside a group's table (router.add anywhere but
# web/route_table.hpp: each route is a named handler in its group's table,
# registered by add_routes). Rough on
# purpose: the house style (clang-format, WebKit) puts a function's opening
# brace alone on its line (a block's brace ends its line), so a function is
# the lines from a `{` alone on its line to the next `}` at the same indent.
# Usage: function_length.sh SRC_DIR [LIMIT]
set -u
src=${1:?usage: function_length.sh SRC_DIR [LIMIT]}
limit=${2:-80}
files=()
for file in "$src"/web/*.cpp "$src"/desk/*.cpp "$src"/core/report.cpp; do
  [ -f "$file" ] && files+=("$file")
done
[ ${#files[@]} -gt 0 ] || { echo "no sources under $src"; exit 1; }
long=$(awk -v limit="$limit" -v root="$src/" '
  FNR == 1 { inside = 0; signature = "" }
  !inside && /^[ \t]*\{[ \t]*$/ {
    inside = 1; start = FNR; name = signature
    indent = $0; sub(/\{.*/, "", indent)
    next
  }
  inside && index($0, indent "}") == 1 && substr($0, length(indent) + 1, 1) == "}" {
    inside = 0
    length_ = FNR - start - 1
    if (length_ > limit) {
      file = FILENAME; sub(root, "", file)
      printf "%s:%d: %s: %d lines\n", file, start, name, length_
    }
    next
  }
  !inside && (/^[ \t]*$/ || /^[ \t]*\/\// || /[;}][ \t]*$/) { signature = ""; next }
  !inside { line = $0; sub(/^[ \t]+/, "", line); signature = signature == "" ? line : signature " " line }
' "${files[@]}")
status=0
if [ -n "$long" ]; then
  echo "functions over $limit lines (split them into named steps):"
  echo "$long"
  status=1
fi
if [ -d "$src/web" ]; then
  adds=$(grep -rHnE --include='*.cpp' --include='*.hpp' '\brouter\s*\.\s*add\s*\(' "$src/web" | grep -v '/web/route_table\.hpp:')
  if [ -n "$adds" ]; then
    echo "routes registered outside a route table (name the handler and list it in its group's RouteEntry table):"
    echo "${adds//"$src"\//}"
    status=1
  fi
fi
[ "$status" -eq 0 ] && echo "${#files[@]} files: no function over $limit lines; every route is in its group's table"
exit $status
