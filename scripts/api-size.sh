#!/usr/bin/env bash
# Counts the public API of compiled classes: per package, the public types (nested ones
# included) and their public methods and constructors, as javap -public lists them.
# Usage: scripts/api-size.sh <classes-dir>...   (after `mvn -q -DskipTests package`)
set -euo pipefail
for dir in "$@"; do
  find "$dir" -name '*.class' ! -name 'module-info.class' ! -name 'package-info.class' | sort |
    while read -r class; do
      out="$(javap -public "$class" 2>/dev/null)" || continue
      header="$(printf '%s\n' "$out" | grep -E '^(public|protected) .*(class|interface|enum|record|@interface) ' | head -n 1)" || true
      [ -z "$header" ] && continue
      name="$(printf '%s\n' "$out" | sed -n 's/^Compiled from.*//;p' | grep -oE '(class|interface|enum|record) [A-Za-z0-9_.$]+' | head -n 1 | awk '{print $2}')"
      pkg="${name%.*}"; pkg="${pkg%%\$*}"
      simple="${name##*.}"; pkg="${name%.$simple}"
      methods="$(printf '%s\n' "$out" | grep -cE '^\s+(public|protected) .*\(.*\)' || true)"
      printf '%s\t%s\t%s\n' "$pkg" "$simple" "$methods"
    done
done | awk -F'\t' '{types[$1]++; methods[$1]+=$3; t++; m+=$3}
  END {for (p in types) printf "%-34s %4d types %5d methods\n", p, types[p], methods[p] | "sort";
       close("sort"); printf "%-34s %4d types %5d methods\n", "total", t, m}'
