#!/usr/bin/env bash
# Connector store and REST API benchmark. Prints a markdown table and saves it as
# build/bench/store_api.md. Not a test: it never fails on a slow figure.
#
#   bench/store_api_bench.sh
#
# 1. GET /api/connectors/{id}: wrk against datahub-server and against bench_bare_server (the same
#    cpp-httplib settings answering the same bytes and headers), rounds interleaved.
# 2. GET /api/connectors latency with N connectors: first page, a cursor page, q, status
#    (bench_latency_client, sequential keep-alive requests, the four interleaved).
# 3. Start-up (exec -> "listening on", exec -> /api/health 200) and VmRSS after start and after
#    list pages (bench_startup_probe), with N connectors.
# Knobs (environment): BENCH_CONNECTORS (100000), BENCH_ROUNDS (3), BENCH_DURATION (s, 5),
# BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_LIST_REQUESTS (300), BENCH_STARTUP_RUNS (5).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

COUNT="${BENCH_CONNECTORS:-100000}"
ROUNDS="${BENCH_ROUNDS:-3}"
DURATION="${BENCH_DURATION:-5}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
LIST_REQUESTS="${BENCH_LIST_REQUESTS:-300}"
STARTUP_RUNS="${BENCH_STARTUP_RUNS:-5}"
TOKEN="bench-admin-token-0123456789abcdef"
WORK="$BENCH_OUT_DIR/store_api"
DATA="$BENCH_OUT_DIR/data-$COUNT"
TABLE="$BENCH_OUT_DIR/store_api.md"
mkdir -p "$WORK"
BENCH_WRK_LOG="$BENCH_OUT_DIR/store_api.wrk.log"
: >"$BENCH_WRK_LOG"

echo "building (Release, $BENCH_BUILD_DIR)..." >&2
bench_build
echo "loading $COUNT connectors into $DATA..." >&2
"$BENCH_BIN/bench_bulk_load" --data "$DATA" --count "$COUNT" >&2

# [1] datahub-server and the bare handler, side by side.
bench_start "$WORK/datahub.log" env DATAHUB_ADMIN_TOKEN="$TOKEN" "$BENCH_SERVER" \
  --listen 127.0.0.1:0 --data "$DATA"
DH_PID="$BENCH_LAST_PID"
DH_PORT="$(bench_wait_port "$WORK/datahub.log")"
API="http://127.0.0.1:$DH_PORT/api"
AUTH=(-H "Authorization: Bearer $TOKEN")

curl -fsS "${AUTH[@]}" "$API/connectors?limit=50" -o "$WORK/page1.json"
ID="$(jq -r '.items[0].id' "$WORK/page1.json")"
CURSOR="$(jq -r '.next_cursor | @uri' "$WORK/page1.json")"
TOTAL="$(jq -r '.total' "$WORK/page1.json")"
curl -fsS "${AUTH[@]}" -D "$WORK/datahub.headers" -o "$WORK/connector.json" "$API/connectors/$ID"
ETAG="$(sed -n 's/^[Ee][Tt][Aa][Gg]: *\(.*\)\r$/\1/p' "$WORK/datahub.headers")"

bench_start "$WORK/bare.log" "$BENCH_BIN/bench_bare_server" --port 0 \
  --body-file "$WORK/connector.json" --header "ETag: $ETAG"
BARE_PID="$BENCH_LAST_PID"
BARE_PORT="$(bench_wait_port "$WORK/bare.log")"
curl -fsS -D "$WORK/bare.headers" -o "$WORK/bare.json" \
  "http://127.0.0.1:$BARE_PORT/api/connectors/$ID"
if ! cmp -s "$WORK/connector.json" "$WORK/bare.json"; then
  echo "the bare server does not answer the same body" >&2
  exit 1
fi
# Response headers without Date: they must be the same for a fair comparison.
header_names() { grep -v -i '^date:' "$1" | tr -d '\r' | sed '/^$/d' | sort; }
if ! diff <(header_names "$WORK/datahub.headers") <(header_names "$WORK/bare.headers") \
  >"$WORK/headers.diff"; then
  echo "note: response headers differ (see $WORK/headers.diff)" >&2
fi
BODY_BYTES="$(wc -c <"$WORK/connector.json")"
# The same bare handler plus datahub-server's request log: tells the log's share of the gap.
bench_start "$WORK/bare-logged.log" "$BENCH_BIN/bench_bare_server" --port 0 \
  --body-file "$WORK/connector.json" --header "ETag: $ETAG" --log-requests 1
BARE_LOG_PID="$BENCH_LAST_PID"
BARE_LOG_PORT="$(bench_wait_port "$WORK/bare-logged.log")"

echo "wrk GET /api/connectors/{id}: $ROUNDS rounds x ${DURATION}s per server..." >&2
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s)
wrk "${WRK_ARGS[@]}" -d2s -H "Authorization: Bearer $TOKEN" \
  "$API/connectors/$ID" >/dev/null # warm-up
wrk "${WRK_ARGS[@]}" -d2s "http://127.0.0.1:$BARE_PORT/api/connectors/$ID" >/dev/null
wrk "${WRK_ARGS[@]}" -d2s "http://127.0.0.1:$BARE_LOG_PORT/api/connectors/$ID" >/dev/null
LOGGED_RPS=() DH_RPS=() BARE_RPS=() DH_P50=() DH_P99=() BARE_P50=() BARE_P99=() ROUND_RATIOS=()
DH_BAD=0 BARE_BAD=0 dh="" bare="" logged="" # set by bench_wrk
for ((round = 1; round <= ROUNDS; round++)); do
  bench_wrk dh "${WRK_ARGS[@]}" -H "Authorization: Bearer $TOKEN" "$API/connectors/$ID"
  bench_wrk bare "${WRK_ARGS[@]}" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$BARE_PORT/api/connectors/$ID"
  bench_wrk logged "${WRK_ARGS[@]}" -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:$BARE_LOG_PORT/api/connectors/$ID"
  LOGGED_RPS+=("${logged%% *}")
  read -r r p50 p99 non2xx errs <<<"$dh"
  DH_RPS+=("$r") DH_P50+=("$p50") DH_P99+=("$p99") DH_BAD=$((DH_BAD + non2xx + errs))
  read -r r2 p50 p99 non2xx errs <<<"$bare"
  BARE_RPS+=("$r2") BARE_P50+=("$p50") BARE_P99+=("$p99") BARE_BAD=$((BARE_BAD + non2xx + errs))
  ROUND_RATIOS+=("$(bench_ratio "$r" "$r2")")
  echo "  round $round: datahub $r req/s, bare $r2 req/s, bare + request log ${logged%% *}" >&2
done
DH_RPS_MED="$(bench_median "${DH_RPS[@]}")"
BARE_RPS_MED="$(bench_median "${BARE_RPS[@]}")"
GET_RATIO="$(bench_ratio "$DH_RPS_MED" "$BARE_RPS_MED")"
LOGGED_RPS_MED="$(bench_median "${LOGGED_RPS[@]}")"
bench_stop "$BARE_PID"
bench_stop "$BARE_LOG_PID"

# [2] List latency, the four queries interleaved.
echo "list latency: $LIST_REQUESTS requests per query..." >&2
target() { echo "name=$1;port=$DH_PORT;method=GET;path=$2;header=Authorization: Bearer $TOKEN"; }
"$BENCH_BIN/bench_latency_client" --requests "$LIST_REQUESTS" --warmup 10 --max-seconds 120 \
  --target "$(target first "/api/connectors?limit=50")" \
  --target "$(target cursor "/api/connectors?limit=50&cursor=$CURSOR")" \
  --target "$(target q "/api/connectors?limit=50&q=berlin")" \
  --target "$(target status "/api/connectors?limit=50&status=active")" >"$WORK/list.txt"
curl -fsS "${AUTH[@]}" "$API/connectors?limit=50&q=berlin" | jq -r .total >"$WORK/q.total"
curl -fsS "${AUTH[@]}" "$API/connectors?limit=50&status=active" | jq -r .total >"$WORK/status.total"
bench_stop "$DH_PID"

# [3] Start-up and memory, the server alone.
echo "start-up: $STARTUP_RUNS runs..." >&2
LISTEN_MS=() HEALTH_MS=() PROBE=""
for ((run = 1; run <= STARTUP_RUNS; run++)); do
  PROBE="$("$BENCH_BIN/bench_startup_probe" --server "$BENCH_SERVER" --data "$DATA" \
    --port "$(bench_free_port)" --token "$TOKEN" --log "$WORK/startup.log" \
    --list-requests 20 --list-path "/api/connectors?limit=50" \
    --list-path "/api/connectors?limit=50&cursor=$CURSOR" \
    --list-path "/api/connectors?limit=50&q=berlin" \
    --list-path "/api/connectors?limit=50&status=active")"
  LISTEN_MS+=("$(bench_field "$PROBE" listen_ms)")
  HEALTH_MS+=("$(bench_field "$PROBE" health_ms)")
done
echo "$PROBE" >"$WORK/startup.txt"

# The table.
list_row() {
  local line label="$2"
  line="$(grep "^name=$1 " "$WORK/list.txt")"
  local p50 p99 n bytes
  p50="$(bench_field "$line" p50_ms)" p99="$(bench_field "$line" p99_ms)"
  n="$(bench_field "$line" n)" bytes="$(bench_field "$line" bytes)"
  echo "| $label, p50 / p99 (n=$n, ${bytes} B) | $p50 / $p99 ms | | | p50 ≤ 2 ms" \
    "| $(bench_check "$p50" le 2) |"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
RSS_START="$(bench_field "$PROBE" rss_start_kib)"
RSS_AFTER="$(bench_field "$PROBE" rss_after_kib)"
LISTEN_MED="$(bench_median "${LISTEN_MS[@]}")"
HEALTH_MED="$(bench_median "${HEALTH_MS[@]}")"
{
  echo "## Connector store and REST API — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "commit $(git -C "$BENCH_ROOT" rev-parse --short HEAD), $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), Release build, $TOTAL connectors in LMDB"
  echo
  echo "| measurement | datahub-server | bare httplib | ratio | target | met |"
  echo "|---|---|---|---|---|---|"
  echo "| GET /api/connectors/{id} req/s (wrk -t$THREADS -c$CONNECTIONS, median of $ROUNDS x" \
    "${DURATION}s, interleaved; ${BODY_BYTES} B body, same headers) | $DH_RPS_MED | $BARE_RPS_MED" \
    "| ${GET_RATIO}x (rounds: ${ROUND_RATIOS[*]}) | ≥ 0.8x | $(bench_check "$GET_RATIO" ge 0.8) |"
  echo "| same, bare handler + datahub's request log (spdlog into stdout's buffer, flushed every second)" \
    "| $DH_RPS_MED | $LOGGED_RPS_MED | $(bench_ratio "$DH_RPS_MED" "$LOGGED_RPS_MED")x" \
    "(bare+log / bare: $(bench_ratio "$LOGGED_RPS_MED" "$BARE_RPS_MED")x) | | |"
  echo "| GET /api/connectors/{id} wrk latency p50 / p99 (median of rounds)" \
    "| $(bench_median "${DH_P50[@]}") / $(bench_median "${DH_P99[@]}") ms" \
    "| $(bench_median "${BARE_P50[@]}") / $(bench_median "${BARE_P99[@]}") ms | | | |"
  echo "| non-2xx + socket errors during wrk | $DH_BAD | $BARE_BAD | | 0 | |"
  list_row first "list first page (limit 50)"
  list_row cursor "list cursor page (limit 50)"
  list_row q "list q=berlin ($(cat "$WORK/q.total") matches)"
  list_row status "list status=active ($(cat "$WORK/status.total") matches)"
  echo "| start-up, exec → \"listening on\" (median of $STARTUP_RUNS; ${LISTEN_MS[*]})" \
    "| $LISTEN_MED ms | | | ≤ 100 ms | $(bench_check "$LISTEN_MED" le 100) |"
  echo "| start-up, exec → /api/health 200 (median of $STARTUP_RUNS; ${HEALTH_MS[*]})" \
    "| $HEALTH_MED ms | | | ≤ 100 ms | $(bench_check "$HEALTH_MED" le 100) |"
  echo "| VmRSS after start (anon $(mib "$(bench_field "$PROBE" anon_start_kib)")" \
    "+ file $(mib "$(bench_field "$PROBE" file_start_kib)") MiB)" \
    "| $(mib "$RSS_START") MiB | | | ≤ 64 MiB | $(bench_check "$RSS_START" le 65536) |"
  echo "| VmRSS after 4 x 20 list pages (anon $(mib "$(bench_field "$PROBE" anon_after_kib)")" \
    "+ file $(mib "$(bench_field "$PROBE" file_after_kib)") MiB;" \
    "$(bench_field "$PROBE" threads) threads)" \
    "| $(mib "$RSS_AFTER") MiB | | | ≤ 64 MiB | $(bench_check "$RSS_AFTER" le 65536) |"
} >"$TABLE"
cat "$TABLE"
