#!/usr/bin/env bash
# Runs every built libFuzzer target (build/fuzz/tests/fuzz/fuzz_*) for SECONDS each, on a copy
# of its seed corpus (tests/fuzz/corpus/<name>/) in a temp folder, so the repository's corpus
# does not grow. Builds nothing: bench/fuzz.sh and tests/run.sh build the fuzz preset first.
# Prints, per target, executions per second and total runs (libFuzzer's final stats); a
# crashing input is kept in build/fuzz/artifacts/<name>/. Non-zero when any target crashed.
# Usage: tests/fuzz/run_all.sh SECONDS [name...]
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
seconds=${1:?usage: tests/fuzz/run_all.sh SECONDS [name...]}
shift
bindir=${DATAHUB_FUZZ_BUILD:-$root/build/fuzz}/tests/fuzz
artifacts=${DATAHUB_FUZZ_BUILD:-$root/build/fuzz}/artifacts

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for exe in "$bindir"/fuzz_*; do
    [ -x "$exe" ] && [ -f "$exe" ] && names+=("$(basename "$exe" | sed 's/^fuzz_//')")
  done
fi
if [ ${#names[@]} -eq 0 ]; then
  echo "fuzz: no targets in $bindir: build the fuzz preset first (bash tests/build.sh fuzz)" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/datahub-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

crashed=0
for name in "${names[@]}"; do
  exe=$bindir/fuzz_$name
  corpus=$work/$name/corpus
  mkdir -p "$corpus" "$artifacts/$name"
  cp "$root/tests/fuzz/corpus/$name"/* "$corpus"/ 2>/dev/null || true
  log=$work/$name/log
  "$exe" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/$name/" "$corpus" >"$log" 2>&1
  rc=$?
  runs=$(grep -E '^stat::number_of_executed_units:' "$log" | tail -n 1 | awk '{print $2}')
  speed=$(grep -E '^stat::average_exec_per_sec:' "$log" | tail -n 1 | awk '{print $2}')
  if [ "$rc" -eq 0 ]; then
    printf 'fuzz: %-16s ok     %8s exec/s %10s runs\n' "$name" "${speed:-?}" "${runs:-?}"
  else
    crashed=$((crashed + 1))
    printf 'fuzz: %-16s CRASH  %8s exec/s %10s runs (exit %s)\n' "$name" "${speed:-?}" \
      "${runs:-?}" "$rc"
    grep -E 'ERROR: |SUMMARY: |property does not hold|runtime error|Test unit written' "$log" |
      head -n 8 | sed 's/^/fuzz:   /'
    cp "$log" "$artifacts/$name/last-crash.log"
  fi
done
echo "fuzz: ${#names[@]} targets, $crashed crashed" >&2
[ "$crashed" -eq 0 ]
