#!/bin/bash
# Compares co_consts, co_names, co_varnames, cells, flags, first lines and the
# positions of CALL/BINARY_OP/BINARY_SUBSCR/COMPARE_OP between CPython 3.11
# (`python3`) and pyheap-compiler for each FILE given (default: the top-level
# standard library). frozenset reprs are normalised (their order is hash
# order). Build first: cargo build -p pyheap-compiler --example dump
# Usage: crates/pyheap-compiler/tools/compare_stdlib.sh [FILE...]
here=$(cd "$(dirname "$0")" && pwd)
dump=${CARGO_TARGET_DIR:-$here/../../../target}/debug/examples/dump
export DUMP_POS=1
tmp=$(mktemp -d)
files=("$@"); [ ${#files[@]} -eq 0 ] && files=(/usr/lib/python3.11/*.py)
tot=0; bad=0; err=0
for f in "${files[@]}"; do
  python3 "$here/dump.py" "$f" > "$tmp/a" 2>/dev/null
  "$dump" "$f" > "$tmp/b" 2>"$tmp/err"; rc=$?
  if [ $rc -gt 1 ]; then echo "CRASH $f rc=$rc"; fi
  if grep -q "^ERROR" "$tmp/b"; then err=$((err+1)); echo "ERR $f: $(head -c 200 "$tmp/b")"; continue; fi
  n=$(diff <(sed "s/frozenset({[^}]*})/FS/g" "$tmp/a") <(sed "s/frozenset({[^}]*})/FS/g" "$tmp/b") | grep -c "^<")
  tot=$((tot+1)); if [ "$n" -gt 0 ]; then bad=$((bad+1)); echo "DIFF $f $n"; fi
done
rm -rf "$tmp"
echo "files=$tot differing=$bad errors=$err"
