#!/usr/bin/env bash
# Measures the web front end against its budgets and prints a markdown table, also saved to
# build/perf/web-metrics.md. A script for people, not a test: tests/run.sh does not run it.
#   - bytes of the page (wasm, js, font, index.html, a11y_mirror.js): raw, gzip -9, and as served     (<= 400 KB gz)
#   - navigation -> "datahub: ready" on localhost, median of 5 cold loads, headless Chromium
#   - frames drawn during 2 s idle                                                   (0)
#   - frame CPU time with 100,000 rows, native headless build (web_frame_bench)      (<= 4 ms)
# Needs the web build (build/web/site) and the native build with datahub-server and
# web_frame_bench (bench/web_frame_bench.cpp); it builds the last two if they are missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

site="${DATAHUB_WEB_DIR:-build/web/site}"
server="${DATAHUB_SERVER:-build/native/backend/datahub-server}"
bench="build/native/bench/web_frame_bench"

if [ ! -f "$site/index.html" ]; then
  echo "no web build in $site: emcmake cmake --preset web && cmake --build build/web -j2" >&2
  exit 1
fi
# web_frame_bench is not in the native build's `all`: build it (and the server) every time, a
# no-op when current, so the figures never come from a binary older than the code.
cmake --build build/native -j2 --target datahub-server web_frame_bench

mkdir -p build/perf
DATAHUB_SERVER="$server" DATAHUB_WEB_DIR="$site" \
  node tests/perf/web_metrics.mjs --bench "$bench" --out build/perf/web-metrics.md
