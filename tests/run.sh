#!/usr/bin/env bash
# The one test command: set-up, the builds, every gtest suite through CTest (plain and under
# ASan+UBSan), each libFuzzer target for a few seconds, then the browser tests. Ends with one
# summary line; non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

passed=0
failed=0
status=0
logdir=build/test-logs
mkdir -p "$logdir"

stage_failed() { echo "run: FAILED: $*" >&2; status=1; }
# Seconds since the previous stage ended, so a slow stage shows in CI's log.
stage_start=$(date +%s)
stage_done() {
  echo "run: $1 took $(($(date +%s) - stage_start)) s" >&2
  stage_start=$(date +%s)
}

# Adds the counts of a CTest log ("100% tests passed, 0 tests failed out of 42").
count_ctest() {
  local line total bad
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -n 1)
  [ -n "$line" ] || { failed=$((failed + 1)); return; }
  bad=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
  total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
  passed=$((passed + total - bad))
  failed=$((failed + bad))
}

# Adds the counts of a node --test log ("# pass 3", "# fail 0").
count_node() {
  local p f
  p=$(grep -E '^# pass [0-9]+' "$1" | tail -n 1 | awk '{print $3}')
  f=$(grep -E '^# fail [0-9]+' "$1" | tail -n 1 | awk '{print $3}')
  [ -n "$p" ] || { failed=$((failed + 1)); return; }
  passed=$((passed + p))
  failed=$((failed + ${f:-0}))
}

start=$(date +%s)
bash tests/setup.sh || { echo "run: set-up failed" >&2; echo "summary: 0 passed, 1 failed"; exit 1; }
stage_done "set-up"

for preset in native web asan; do
  if ! bash tests/build.sh "$preset"; then
    echo "run: build failed" >&2
    echo "summary: 0 passed, 1 failed"
    exit 1
  fi
  stage_done "build $preset"
done

# The benchmark programs stay out of `all` (they are run on demand by bench/*.sh) but must still
# compile: unbuilt, they rotted unseen when the code under them changed. One result, like format.
echo "run: benchmark programs build" >&2
if cmake --build --preset native --target datahub_bench_tools >"$logdir/bench-build.log" 2>&1; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
  echo "run: the benchmark programs do not build (see $logdir/bench-build.log)" >&2
fi
stage_done "build bench tools"

# Formatting is part of the build's promise: one check over every tracked C++ file.
echo "run: clang-format check" >&2
if git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror 2>"$logdir/clang-format.log"; then
  passed=$((passed + 1))
else
  head -n 20 "$logdir/clang-format.log" >&2
  stage_failed "clang-format"
  failed=$((failed + 1))
fi
stage_done "clang-format"

for preset in native asan; do
  echo "run: ctest ($preset)" >&2
  ctest --preset "$preset" -j2 2>&1 | tee "$logdir/ctest-$preset.log" | tail -n 25
  if [ "${PIPESTATUS[0]}" -ne 0 ]; then
    stage_failed "ctest $preset"
    # CI keeps only this output: run the failed tests again, alone, and show what they print
    # (it also tells a test that fails every time from one that failed under the load).
    echo "run: the failed tests again, alone ($preset)" >&2
    ctest --preset "$preset" --rerun-failed --output-on-failure 2>&1 | tail -n 150 >&2
  fi
  count_ctest "$logdir/ctest-$preset.log"
  stage_done "ctest $preset"
done

# Each fuzz target (built by the asan preset, from the same instrumented libraries) for a few
# seconds on its seed corpus (inputs that once crashed included): a pass per target, a fail per
# crash. Longer runs, optimised: bench/fuzz.sh.
echo "run: fuzz targets (${DATAHUB_FUZZ_SECONDS:=5} s each)" >&2
DATAHUB_FUZZ_BUILD=$root/build/asan bash tests/fuzz/run_all.sh "$DATAHUB_FUZZ_SECONDS" 2>&1 |
  tee "$logdir/fuzz.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || stage_failed "fuzz targets"
passed=$((passed + $(grep -cE '^fuzz: +[a-z_]+ +ok ' "$logdir/fuzz.log")))
failed=$((failed + $(grep -cE '^fuzz: +[a-z_]+ +CRASH ' "$logdir/fuzz.log")))
stage_done "fuzz"

echo "run: browser tests" >&2
node --test --test-concurrency=1 tests/browser/ 2>&1 | tee "$logdir/browser.log" | tail -n 40
if [ "${PIPESTATUS[0]}" -ne 0 ]; then
  # The tail above shows only the last suites; name each failure and its reason, since CI
  # keeps nothing but this output.
  grep -n -B2 -A25 -E '^ *not ok ' "$logdir/browser.log" | head -n 150 >&2
  stage_failed "browser tests"
fi
count_node "$logdir/browser.log"
stage_done "browser tests"

echo "run: took $(( $(date +%s) - start )) s; logs in $logdir" >&2
[ "$failed" -eq 0 ] || status=1
echo "summary: $passed passed, $failed failed"
exit $status
