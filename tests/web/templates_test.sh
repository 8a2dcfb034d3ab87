#!/usr/bin/env bash
# Every template in templates/ starts with ctemplate's AUTOESCAPE pragma, so
# that every value it shows is escaped for where it lands (the project's rule:
# a template without it would print applicant data as raw HTML).
# Usage: templates_test.sh TEMPLATES_DIR
set -euo pipefail
dir=${1:?usage: templates_test.sh TEMPLATES_DIR}
count=0
failed=0
while IFS= read -r -d '' file; do
  count=$((count + 1))
  first=$(head -n 1 "$file")
  if [[ $first != '{{%AUTOESCAPE context="'* ]]; then
    echo "templat tanpa pragma AUTOESCAPE di baris pertama: $file" >&2
    failed=1
  fi
done < <(find "$dir" -type f -print0)
if [ "$count" -eq 0 ]; then
  echo "tidak ada templat di $dir" >&2
  exit 1
fi
[ "$failed" -eq 0 ] && echo "$count templat, semuanya dengan AUTOESCAPE"
exit "$failed"
