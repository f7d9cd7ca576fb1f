#!/usr/bin/env bash
# Builds the fuzz preset (clang-14, libFuzzer, ASan + UBSan) and runs every fuzz target for
# SECONDS each (default 60) on a copy of its seed corpus: per target, executions per second
# and total runs. Crashing inputs land in build/fuzz/artifacts/<target>/; non-zero on a crash.
#
#   bench/fuzz.sh [SECONDS] [target...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
bash "$root/tests/build.sh" fuzz
exec bash "$root/tests/fuzz/run_all.sh" "$seconds" "$@"
