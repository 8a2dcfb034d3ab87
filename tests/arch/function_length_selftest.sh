#!/usr/bin/env bash
# Shows that function_length.sh can fail: a tree with short functions and a
# route table passes; one with an 81-line function (at column 0, or indented
# in an anonymous namespace), or with a route added outside the table, fails.
# Usage: function_length_selftest.sh PATH/TO/function_length.sh
set -u
check=${1:?usage: function_length_selftest.sh FUNCTION_LENGTH_SH}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# function NAME LINES INDENT: a function of LINES body lines.
function_of() {
  local name=$1 lines=$2 indent=$3 i
  printf '%svoid %s(int& x)\n%s{\n' "$indent" "$name" "$indent"
  for ((i = 0; i < lines; i++)); do
    printf '%s    if (x > %d) {\n' "$indent" "$i"
    printf '%s        ++x;\n' "$indent"
    printf '%s    }\n' "$indent"
    i=$((i + 2))
  done
  printf '%s}\n\n' "$indent"
}

good() {
  local tree=$1
  mkdir -p "$tree"/{web,desk,core}
  { function_of short 78 ""; printf 'namespace {\n\n'; function_of inner 78 "    "; printf '}\n'; } >"$tree/web/routes.cpp"
  function_of steps 60 "" >"$tree/desk/desk.cpp"
  function_of summarize 60 "" >"$tree/core/report.cpp"
  printf '#pragma once\ninline void add(Router& router) { router.add("GET", "/", handler); }\n' >"$tree/web/route_table.hpp"
}

expect() {
  local name=$1 want=$2 tree="$work/$1" out
  shift 2
  good "$tree"
  "$@" "$tree"
  if out=$(bash "$check" "$tree" 2>&1); then
    echo "FAIL $name: function_length.sh passed"
    status=1
  elif ! grep -qF "$want" <<<"$out"; then
    echo "FAIL $name: the failure does not name $want:"
    echo "$out"
    status=1
  else
    echo "ok   $name: $(sed -n 2p <<<"$out")"
  fi
}

good "$work/good"
if ! out=$(bash "$check" "$work/good" 2>&1); then
  echo "FAIL a tree of short functions was refused:"
  echo "$out"
  status=1
else
  echo "ok   the good tree passes"
fi

long_web() { function_of too_long 81 "" >>"$1/web/routes.cpp"; }
long_inner() { { printf 'namespace {\n\n'; function_of too_long_inner 81 "    "; printf '}\n'; } >>"$1/desk/desk.cpp"; }
long_report() { function_of summarize_all 90 "" >>"$1/core/report.cpp"; }
stray_route() { printf 'void add_more(Router& router) { router.add("GET", "/x", [](Request&) { return Response(); }); }\n' >>"$1/web/routes.cpp"; }
expect long_web_function too_long long_web
expect long_function_in_a_namespace too_long_inner long_inner
expect long_report_function summarize_all long_report
expect route_outside_a_table web/routes.cpp stray_route

exit $status
