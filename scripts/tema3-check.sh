#!/usr/bin/env bash
# Runs the seed assignment's public cases the way the original grader did: each case in a fresh copy of its
# folder, `./tema3 -np N` with a 20 s wall-clock limit, every expected output compared with whitespace
# differences ignored. The cases live in shared/tema3 beside the repo (../shared/tema3; CI provides it).
#
#   scripts/tema3-check.sh [--dev multicore|niodev]
#
# Prints PASS/FAIL per case and "N passed, M failed"; exits 1 if any case failed, 2 if the cases are missing.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
limit=20

dev=()
while [ $# -gt 0 ]; do
    case "$1" in
        --dev) [ $# -ge 2 ] || { echo "--dev needs a value" >&2; exit 2; }; dev=(--dev "$2"); shift 2 ;;
        *) echo "usage: $0 [--dev multicore|niodev]" >&2; exit 2 ;;
    esac
done

shared=""
for d in "$root" "$root/.." "$root/../.."; do
    if [ -f "$d/shared/tema3/cases.tsv" ]; then
        shared="$(cd "$d/shared/tema3" && pwd)"
        break
    fi
done
if [ -z "$shared" ]; then
    echo "tema3-check: shared/tema3/cases.tsv not found beside $root" >&2
    exit 2
fi

# One token per line, no blank lines: what "whitespace differences ignored" means here.
normalise() { awk 'NF { $1 = $1; print }' "$1"; }

passed=0
failed=0
while IFS=$'\t' read -r name np pairs; do
    [ -n "$name" ] || continue
    work="$(mktemp -d "${TMPDIR:-/tmp}/tema3-$name.XXXXXX")"
    cp -r "$shared/tests/$name/." "$work/"
    problems=()
    (cd "$work" && timeout "$limit" "$root/tema3" -np "$np" ${dev[@]+"${dev[@]}"}) >"$work/run.log" 2>&1
    rc=$?
    if [ $rc -eq 124 ]; then
        problems+=("over ${limit} s")
    elif [ $rc -ne 0 ]; then
        problems+=("exit code $rc")
    fi
    IFS=',' read -ra checks <<<"$pairs"
    for check in "${checks[@]}"; do
        got="${check%%=*}"
        want="${check#*=}"
        if [ ! -f "$work/$got" ]; then
            problems+=("$got missing")
        elif ! cmp -s <(normalise "$work/$got") <(normalise "$work/$want"); then
            problems+=("$got differs from $want")
        fi
    done
    if [ ${#problems[@]} -eq 0 ]; then
        echo "PASS $name (np $np)"
        passed=$((passed + 1))
        rm -rf "$work"
    else
        echo "FAIL $name (np $np): $(IFS=';'; echo "${problems[*]}"); see $work/run.log"
        failed=$((failed + 1))
    fi
done <"$shared/cases.tsv"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
