#!/usr/bin/env bash
# Fails when a function in src/web, src/desk or src/core/report.cpp runs over
# 80 lines (issue 14: long functions are split into named steps). Rough on
# purpose: the house style (clang-format, WebKit) puts a function's opening
# and closing braces alone at column 0, so a function is the lines from the
# `{` that follows its signature to the next `}` at column 0.
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
  !inside && /^\{[ \t]*$/ { inside = 1; start = FNR; name = signature; next }
  inside && /^\}/ {
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
if [ -n "$long" ]; then
  echo "functions over $limit lines (split them into named steps):"
  echo "$long"
  exit 1
fi
echo "${#files[@]} files: no function over $limit lines"
