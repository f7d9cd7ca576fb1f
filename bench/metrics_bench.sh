#!/usr/bin/env bash
# What a Prometheus scrape of /api/metrics costs the API. Prints a markdown table and saves it as
# build/bench/metrics.md. Not a test: it never fails on a slow figure.
#
#   bench/metrics_bench.sh
#
# GET /api/connectors/{id} req/s with wrk, in rounds that alternate between no scraper and a
# scraper fetching /api/metrics once a second (Prometheus scrapes every 15-60 s; 1 s is the
# harsh case), on one server, so that both sides share the machine's state. Also the scrape's
# own time and size after the rounds (every route's series exist by then).
# Knobs (environment): BENCH_CONNECTORS (1000), BENCH_ROUNDS (5), BENCH_DURATION (s, 5),
# BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_SCRAPE_INTERVAL (s, 1).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

COUNT="${BENCH_CONNECTORS:-1000}"
ROUNDS="${BENCH_ROUNDS:-5}"
DURATION="${BENCH_DURATION:-5}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
INTERVAL="${BENCH_SCRAPE_INTERVAL:-1}"
TOKEN="bench-admin-token-0123456789abcdef"
WORK="$BENCH_OUT_DIR/metrics"
DATA="$BENCH_OUT_DIR/data-metrics-$COUNT"
TABLE="$BENCH_OUT_DIR/metrics.md"
mkdir -p "$WORK"
BENCH_WRK_LOG="$BENCH_OUT_DIR/metrics.wrk.log"
: >"$BENCH_WRK_LOG"

echo "building (Release, $BENCH_BUILD_DIR)..." >&2
bench_build
[[ -d "$DATA" ]] || "$BENCH_BIN/bench_bulk_load" --data "$DATA" --count "$COUNT" >&2

bench_start "$WORK/datahub.log" env DATAHUB_ADMIN_TOKEN="$TOKEN" "$BENCH_SERVER" \
  --listen 127.0.0.1:0 --data "$DATA"
PORT="$(bench_wait_port "$WORK/datahub.log")"
API="http://127.0.0.1:$PORT/api"
AUTH=(-H "Authorization: Bearer $TOKEN")
ID="$(curl -fsS "${AUTH[@]}" "$API/connectors?limit=1" | jq -r '.items[0].id')"

# scraper: fetches /api/metrics every INTERVAL seconds until killed; counts its scrapes.
scraper() {
  local n=0
  while true; do
    curl -fsS "${AUTH[@]}" -o /dev/null "$API/metrics" && n=$((n + 1))
    echo "$n" >"$WORK/scrapes"
    sleep "$INTERVAL"
  done
}

plain=() scraped=()
for ((r = 1; r <= ROUNDS; r++)); do
  bench_wrk result -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "${AUTH[@]}" "$API/connectors/$ID"
  plain+=("${result%% *}")
  scraper &
  SCRAPER=$!
  bench_wrk result -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" "${AUTH[@]}" "$API/connectors/$ID"
  kill "$SCRAPER" 2>/dev/null || true
  wait "$SCRAPER" 2>/dev/null || true
  scraped+=("${result%% *}")
  echo "round $r: ${plain[-1]} req/s without, ${scraped[-1]} with $(cat "$WORK/scrapes") scrapes" >&2
done

# The scrape itself, after the rounds: median of 20 timed fetches.
times=()
for ((i = 0; i < 20; i++)); do
  times+=("$(curl -fsS "${AUTH[@]}" -o "$WORK/metrics.txt" -w '%{time_total}' "$API/metrics")")
done
SCRAPE_MS="$(bench_median "${times[@]}" | awk '{ printf "%.2f", $1 * 1000 }')"
SCRAPE_BYTES="$(wc -c <"$WORK/metrics.txt")"
SERIES="$(grep -vc '^#' "$WORK/metrics.txt")"

PLAIN="$(bench_median "${plain[@]}")"
SCRAPED="$(bench_median "${scraped[@]}")"
RATIO="$(bench_ratio "$SCRAPED" "$PLAIN")"
{
  echo "| GET one connector ($ROUNDS rounds of ${DURATION} s, interleaved) | req/s (median) |"
  echo "|---|---|"
  echo "| no scraper | $PLAIN |"
  echo "| /api/metrics every ${INTERVAL} s | $SCRAPED |"
  echo "| ratio (target >= 0.95) | $RATIO ($(bench_check "$RATIO" ge 0.95)) |"
  echo
  echo "One scrape: ${SCRAPE_MS} ms (median of 20), ${SCRAPE_BYTES} bytes, ${SERIES} samples."
} | tee "$TABLE"
