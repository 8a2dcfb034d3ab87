#!/usr/bin/env bash
# Shows that every rule of layers.sh can fail: builds a small tree that obeys
# every rule (it must pass), then, one at a time, trees that break one rule
# with a single bad include; each must fail, naming the file it broke in.
# Usage: layers_selftest.sh PATH/TO/layers.sh
set -u
check=${1:?usage: layers_selftest.sh LAYERS_SH}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

# A tree that obeys every rule.
good() {
  local tree=$1
  mkdir -p "$tree"/{core,store,letters,desk,web,app}
  printf '#pragma once\n#include <string>\n' >"$tree/core/date.hpp"
  printf '#include "core/date.hpp"\n#include <charconv>\n' >"$tree/core/date.cpp"
  printf '#pragma once\n#include "core/date.hpp"\n' >"$tree/store/store.hpp"
  printf '#include "store/store.hpp"\n' >"$tree/store/store.cpp"
  printf '#pragma once\n#include "core/date.hpp"\n' >"$tree/letters/letter.hpp"
  printf '#pragma once\n#include "store/store.hpp"\n#include "letters/letter.hpp"\n' >"$tree/desk/desk.hpp"
  printf '#include "desk/desk.hpp"\n#include "core/date.hpp"\n' >"$tree/desk/desk.cpp"
  printf '#pragma once\n#include "desk/desk.hpp"\n' >"$tree/web/web.hpp"
  printf '#include "web/web.hpp"\n#include "store/store.hpp"\n#include "letters/letter.hpp"\nstore::RegisterQuery query;\n' >"$tree/web/routes.cpp"
  printf '#pragma once\n#include "store/store.hpp"\nclass Auth { store::Store& m_store; };\n' >"$tree/web/auth.hpp"
  printf '#pragma once\n#include "desk/desk.hpp"\n' >"$tree/app/cli_support.hpp"
  printf '#include "app/cli_support.hpp"\n' >"$tree/app/cli_store.cpp"
  printf '#include "web/web.hpp"\n#include "app/cli_support.hpp"\n' >"$tree/app/cli_serve.cpp"
  printf '#include "web/web.hpp"\n' >"$tree/app/main.cpp"
}

# expect_fail NAME FILE LINE: a good tree with LINE appended to FILE must fail
# and name FILE.
expect_fail() {
  local name=$1 file=$2 line=$3 tree="$work/$1" out
  good "$tree"
  printf '%s\n' "$line" >>"$tree/$file"
  if out=$(bash "$check" "$tree" 2>&1); then
    echo "FAIL $name: layers.sh passed a tree where $file has $line"
    status=1
  elif ! grep -qF "$file" <<<"$out"; then
    echo "FAIL $name: layers.sh failed without naming $file:"
    echo "$out"
    status=1
  else
    echo "ok   $name: $(head -n1 <<<"$out")"
  fi
}

good "$work/good"
if ! out=$(bash "$check" "$work/good" 2>&1); then
  echo "FAIL a tree that obeys every rule was refused:"
  echo "$out"
  status=1
else
  echo "ok   the good tree passes"
fi

expect_fail core_includes_store core/date.cpp '#include "store/store.hpp"'
expect_fail core_includes_desk core/date.hpp '#include "desk/desk.hpp"'
expect_fail core_relative core/date.cpp '#include "../store/store.hpp"'
expect_fail core_ctime core/date.cpp '#include <ctime>'
expect_fail core_time_h core/date.cpp '#include <time.h>'
expect_fail core_cstdlib core/date.cpp '#include <cstdlib>'
expect_fail core_iostream core/date.hpp '#include <iostream>'
expect_fail core_chrono core/date.cpp '#include <chrono>'
expect_fail core_fstream core/date.cpp '#include <fstream>'
expect_fail store_includes_letters store/store.cpp '#include "letters/letter.hpp"'
expect_fail store_includes_desk store/store.hpp '#include "desk/desk.hpp"'
expect_fail letters_includes_store letters/letter.hpp '#include "store/store.hpp"'
expect_fail letters_includes_desk letters/letter.hpp '#include "desk/desk.hpp"'
expect_fail desk_includes_web desk/desk.cpp '#include "web/web.hpp"'
expect_fail desk_includes_app desk/desk.hpp '#include "app/cli_support.hpp"'
expect_fail web_includes_app web/routes.cpp '#include "app/cli_support.hpp"'
expect_fail web_calls_the_store web/routes.cpp 'int rows(store::Store& store) { return store.count(); }'
expect_fail web_context_store web/routes.cpp 'auto page = context.store.search_register(query);'
expect_fail layerless_include web/routes.cpp '#include "routes.hpp"'
expect_fail cli_includes_web app/cli_store.cpp '#include "web/web.hpp"'
# Through an app header the CLI command includes: still reaches web.
expect_fail cli_reaches_web_through_a_header app/cli_support.hpp '#include "web/web.hpp"'

exit $status
