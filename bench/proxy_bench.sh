#!/usr/bin/env bash
# OAuth 2.0 and outbound requests benchmark. Prints a markdown table and saves it as
# build/bench/proxy.md. Not a test: it never fails on a slow figure.
#
#   bench/proxy_bench.sh
#
# A local upstream (nginx: a small static JSON and a token endpoint) on 127.0.0.1, a datahub
# connector with OAuth 2.0 client credentials (the cached token path) and a custom header,
# activated; and nginx proxy_pass to the same upstream with the same headers set.
# 1. Latency: GET upstream directly, POST /api/connectors/{id}/request, POST nginx /proxy,
#    interleaved, sequential over kept-alive connections (bench_latency_client).
# 2. Throughput: wrk with the same POST (bench/wrk/post_request.lua) against datahub, nginx and
#    bench_bare_proxy (the floor of any cpp-httplib proxy), rounds interleaved, with the CPU
#    time each spends per request.
# Knobs (environment): BENCH_REQUESTS (2000), BENCH_ROUNDS (3), BENCH_DURATION (s, 5),
# BENCH_THREADS (2), BENCH_CONNECTIONS (32).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

REQUESTS="${BENCH_REQUESTS:-2000}"
ROUNDS="${BENCH_ROUNDS:-3}"
DURATION="${BENCH_DURATION:-5}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
export BENCH_TOKEN="bench-admin-token-0123456789abcdef"
WORK="$BENCH_OUT_DIR/proxy"
TABLE="$BENCH_OUT_DIR/proxy.md"
LUA="$BENCH_ROOT/bench/wrk/post_request.lua"
rm -rf "$WORK"
mkdir -p "$WORK"
BENCH_WRK_LOG="$BENCH_OUT_DIR/proxy.wrk.log"
: >"$BENCH_WRK_LOG"

echo "building (Release, $BENCH_BUILD_DIR)..." >&2
bench_build

# nginx: the upstream and the reference proxy, each its own master in the foreground.
bench_start_upstream "$WORK"
PROXY_PORT="$(bench_free_port)"
bench_nginx_conf "$BENCH_ROOT/bench/nginx/proxy.conf.in" "$WORK/proxy.conf"
bench_start "$WORK/proxy.out" nginx -p "$WORK" -c "$WORK/proxy.conf" -e "$WORK/proxy.error.log"
NGINX_PROXY_PID="$BENCH_LAST_PID"
bench_wait_http "http://127.0.0.1:$PROXY_PORT/proxy"
# nginx's workers do the work: their CPU time is what is compared.
mapfile -t NGINX_PROXY_WORKERS < <(pgrep -P "$NGINX_PROXY_PID")
mapfile -t UPSTREAM_WORKERS < <(pgrep -P "$UPSTREAM_PID")

# The floor: the least a cpp-httplib proxy with datahub-server's settings does for /request.
bench_start "$WORK/bare_proxy.log" "$BENCH_BIN/bench_bare_proxy" --upstream-port "$UPSTREAM_PORT" \
  --path /data.json --header "X-Tenant: acme" --header "Authorization: Bearer bench-access-token"
BARE_PID="$BENCH_LAST_PID"
BARE_PORT="$(bench_wait_port "$WORK/bare_proxy.log")"

# datahub-server on a new data directory, loopback allowed.
bench_start "$WORK/datahub.log" env DATAHUB_ADMIN_TOKEN="$BENCH_TOKEN" "$BENCH_SERVER" \
  --listen 127.0.0.1:0 --data "$WORK/data" --allow-private-networks
DH_PID="$BENCH_LAST_PID"
DH_PORT="$(bench_wait_port "$WORK/datahub.log")"
API="http://127.0.0.1:$DH_PORT/api"
AUTH=(-H "Authorization: Bearer $BENCH_TOKEN" -H "Content-Type: application/json")
UP="http://127.0.0.1:$UPSTREAM_PORT"
curl -fsS "${AUTH[@]}" -X POST "$API/connectors" -o "$WORK/connector.json" -d @- <<JSON
{"type":"api","name":"Bench upstream","base_url":"$UP",
 "auth":{"method":"oauth2","grant_type":"client_credentials","token_url":"$UP/oauth/token",
         "client_id":"bench","client_secret":"bench-secret","client_authentication":"basic"},
 "headers":[{"name":"X-Tenant","value":"acme"}]}
JSON
ID="$(jq -r .id "$WORK/connector.json")"
curl -fsS "${AUTH[@]}" -X POST -d "" "$API/connectors/$ID/activate" -o /dev/null
REQUEST_PATH="/api/connectors/$ID/request"
REQUEST_BODY='{"method":"GET","path":"/data.json"}'

# The three answer the same upstream document (datahub wraps it in its JSON envelope).
curl -fsS "${AUTH[@]}" -X POST -d "$REQUEST_BODY" "http://127.0.0.1:$DH_PORT$REQUEST_PATH" \
  -o "$WORK/request.json"
if [[ "$(jq -r .status "$WORK/request.json")" != 200 ]] ||
  [[ "$(jq -r .body "$WORK/request.json")" != "$(cat "$WORK/www/data.json")" ]]; then
  echo "datahub /request did not relay the upstream document: $(cat "$WORK/request.json")" >&2
  exit 1
fi
for url in "$PROXY_PORT/proxy" "$PROXY_PORT/proxy-close" "$BARE_PORT/proxy"; do
  curl -fsS "${AUTH[@]}" -X POST -d "$REQUEST_BODY" "http://127.0.0.1:$url" -o "$WORK/relayed.json"
  cmp -s "$WORK/relayed.json" "$WORK/www/data.json" || {
    echo "127.0.0.1:$url did not relay the upstream document" >&2
    exit 1
  }
done
bytes() { curl -sS -o /dev/null -w '%{size_download}' "${AUTH[@]}" "$@"; }
DIRECT_BYTES="$(bytes "$UP/data.json")"
REQUEST_BYTES="$(bytes -X POST -d "$REQUEST_BODY" "http://127.0.0.1:$DH_PORT$REQUEST_PATH")"
NGINX_BYTES="$(bytes -X POST -d "$REQUEST_BODY" "http://127.0.0.1:$PROXY_PORT/proxy")"

# [1] Latency, interleaved.
echo "latency: $REQUESTS sequential requests per target..." >&2
"$BENCH_BIN/bench_latency_client" --requests "$REQUESTS" --warmup 100 --max-seconds 120 \
  --target "name=direct;port=$UPSTREAM_PORT;method=GET;path=/data.json;header=X-Tenant: acme;header=Authorization: Bearer bench-access-token" \
  --target "name=request;port=$DH_PORT;method=POST;path=$REQUEST_PATH;header=Authorization: Bearer $BENCH_TOKEN;body=$REQUEST_BODY" \
  --target "name=nginx;port=$PROXY_PORT;method=POST;path=/proxy;header=Authorization: Bearer $BENCH_TOKEN;body=$REQUEST_BODY" \
  --target "name=floor;port=$BARE_PORT;method=POST;path=/proxy;header=Authorization: Bearer $BENCH_TOKEN;body=$REQUEST_BODY" \
  --target "name=inbound;port=$DH_PORT;method=GET;path=/api/connectors/$ID;header=Authorization: Bearer $BENCH_TOKEN" \
  >"$WORK/latency.txt"

# [2] Throughput, rounds interleaved.
echo "wrk: $ROUNDS rounds x ${DURATION}s per target..." >&2
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s -s "$LUA")
wrk "${WRK_ARGS[@]}" -d2s "http://127.0.0.1:$DH_PORT$REQUEST_PATH" >/dev/null # warm-up
wrk "${WRK_ARGS[@]}" -d2s "http://127.0.0.1:$PROXY_PORT/proxy" >/dev/null
wrk "${WRK_ARGS[@]}" -d1s "http://127.0.0.1:$PROXY_PORT/proxy-close" >/dev/null
wrk "${WRK_ARGS[@]}" -d2s "http://127.0.0.1:$BARE_PORT/proxy" >/dev/null
DH_RPS=() NG_RPS=() NC_RPS=() BP_RPS=() DH_P50=() DH_P99=() NG_P50=() NG_P99=() RATIOS=()
DH_CPU=() NG_CPU=() BP_CPU=() UP_CPU=() BP_RATIOS=()
DH_BAD=0 NG_BAD=0 NC_BAD=0 BP_BAD=0 dh="" ng="" nc="" bp="" # set by bench_wrk
for ((round = 1; round <= ROUNDS; round++)); do
  ticks="$(bench_cpu_ticks "$DH_PID")" up_ticks="$(bench_cpu_ticks "${UPSTREAM_WORKERS[@]}")"
  bench_wrk dh "${WRK_ARGS[@]}" "http://127.0.0.1:$DH_PORT$REQUEST_PATH"
  DH_CPU+=("$(bench_cpu_per_request "$ticks" "$DH_PID")")
  UP_CPU+=("$(bench_cpu_per_request "$up_ticks" "${UPSTREAM_WORKERS[@]}")")
  ticks="$(bench_cpu_ticks "${NGINX_PROXY_WORKERS[@]}")"
  bench_wrk ng "${WRK_ARGS[@]}" "http://127.0.0.1:$PROXY_PORT/proxy"
  NG_CPU+=("$(bench_cpu_per_request "$ticks" "${NGINX_PROXY_WORKERS[@]}")")
  bench_wrk nc "${WRK_ARGS[@]}" "http://127.0.0.1:$PROXY_PORT/proxy-close"
  ticks="$(bench_cpu_ticks "$BARE_PID")"
  bench_wrk bp "${WRK_ARGS[@]}" "http://127.0.0.1:$BARE_PORT/proxy"
  BP_CPU+=("$(bench_cpu_per_request "$ticks" "$BARE_PID")")
  read -r r p50 p99 non2xx errs <<<"$dh"
  DH_RPS+=("$r") DH_P50+=("$p50") DH_P99+=("$p99") DH_BAD=$((DH_BAD + non2xx + errs))
  read -r r2 p50 p99 non2xx errs <<<"$ng"
  NG_RPS+=("$r2") NG_P50+=("$p50") NG_P99+=("$p99") NG_BAD=$((NG_BAD + non2xx + errs))
  read -r r3 p50 p99 non2xx errs <<<"$nc"
  NC_RPS+=("$r3") NC_BAD=$((NC_BAD + non2xx + errs))
  read -r r4 p50 p99 non2xx errs <<<"$bp"
  BP_RPS+=("$r4") BP_BAD=$((BP_BAD + non2xx + errs))
  RATIOS+=("$(bench_ratio "$r" "$r2")") BP_RATIOS+=("$(bench_ratio "$r4" "$r2")")
  echo "  round $round: datahub $r, nginx $r2, nginx without upstream keep-alive $r3," \
    "bare httplib proxy $r4 req/s" >&2
done
DH_MED="$(bench_median "${DH_RPS[@]}")"
NG_MED="$(bench_median "${NG_RPS[@]}")"
NC_MED="$(bench_median "${NC_RPS[@]}")"
BP_MED="$(bench_median "${BP_RPS[@]}")"
RATIO="$(bench_ratio "$DH_MED" "$NG_MED")"
TOKEN_REQUESTS="$(wc -l <"$WORK/token.access.log")"

# The table.
line_of() { grep "^name=$1 " "$WORK/latency.txt"; }
DIRECT="$(line_of direct)" REQUEST="$(line_of request)" NGINX="$(line_of nginx)"
FLOOR="$(line_of floor)" INBOUND="$(line_of inbound)"
added() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
ADDED_P50="$(added "$(bench_field "$REQUEST" p50_ms)" "$(bench_field "$DIRECT" p50_ms)")"
ADDED_P99="$(added "$(bench_field "$REQUEST" p99_ms)" "$(bench_field "$DIRECT" p99_ms)")"
NGINX_ADDED_P50="$(added "$(bench_field "$NGINX" p50_ms)" "$(bench_field "$DIRECT" p50_ms)")"
NGINX_ADDED_P99="$(added "$(bench_field "$NGINX" p99_ms)" "$(bench_field "$DIRECT" p99_ms)")"
lat() { echo "$(bench_field "$1" p50_ms) / $(bench_field "$1" p99_ms) ms (n=$(bench_field "$1" n))"; }
{
  echo "## OAuth 2.0 and outbound requests — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "commit $(git -C "$BENCH_ROOT" rev-parse --short HEAD), $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), Release build; upstream: nginx, static" \
    "JSON of $DIRECT_BYTES B; connector: OAuth 2.0 client credentials + X-Tenant header;" \
    "answers: direct $DIRECT_BYTES B, /request $REQUEST_BYTES B (JSON envelope)," \
    "nginx $NGINX_BYTES B; token requests to the upstream during the run: $TOKEN_REQUESTS"
  echo
  echo "| measurement | datahub /request | nginx proxy_pass | ratio / added | target | met |"
  echo "|---|---|---|---|---|---|"
  echo "| direct GET upstream p50 / p99 (sequential, keep-alive, interleaved)" \
    "| $(lat "$DIRECT") | | | | |"
  echo "| via proxy p50 / p99 (same loop) | $(lat "$REQUEST") | $(lat "$NGINX") | | | |"
  echo "| added over direct, p50 | $ADDED_P50 ms | $NGINX_ADDED_P50 ms | | ≤ 0.3 ms" \
    "| $(bench_check "$ADDED_P50" le 0.3) |"
  echo "| added over direct, p99 | $ADDED_P99 ms | $NGINX_ADDED_P99 ms | | | |"
  echo "| where the added time goes: the cpp-httplib floor proxying the same POST | $(lat "$FLOOR") | | | | |"
  echo "| ... and datahub's inbound side alone (GET the connector: token check, cache, JSON; no outbound call) | $(lat "$INBOUND") | | | | |"
  echo "| throughput req/s (wrk -t$THREADS -c$CONNECTIONS, same POST via -s, median of" \
    "$ROUNDS x ${DURATION}s, interleaved; nginx with upstream keepalive)" \
    "| $DH_MED | $NG_MED | ${RATIO}x (rounds: ${RATIOS[*]}) | ≥ 0.7x | $(bench_check "$RATIO" ge 0.7) |"
  echo "| throughput, nginx without upstream keep-alive (a new upstream connection per" \
    "request; datahub keeps its upstream connections alive) | $DH_MED | $NC_MED | $(bench_ratio "$DH_MED" "$NC_MED")x | | |"
  echo "| wrk latency p50 / p99 (median of rounds)" \
    "| $(bench_median "${DH_P50[@]}") / $(bench_median "${DH_P99[@]}") ms" \
    "| $(bench_median "${NG_P50[@]}") / $(bench_median "${NG_P99[@]}") ms | | p99 ≤ 10 ms" \
    "| $(bench_check "$(bench_median "${DH_P99[@]}")" le 10) |"
  echo "| non-2xx + socket errors during wrk | $DH_BAD | $NG_BAD (close: $NC_BAD) | | 0 | |"
  echo
  echo "Where the CPU goes (same wrk rounds; CPU = user + system time of the serving processes"
  echo "during a round / requests in it, median of rounds). bench_bare_proxy is the floor of a"
  echo "cpp-httplib proxy: datahub-server's server settings, one kept-alive httplib client per"
  echo "worker thread, and no logic at all (no token check, connector, guard, deadline, JSON, log)."
  echo
  echo "| proxy | req/s (median) | ratio to nginx (rounds) | CPU µs per request |"
  echo "|---|---|---|---|"
  echo "| nginx proxy_pass, 2 workers, upstream keepalive | $NG_MED | 1.00x | $(bench_median "${NG_CPU[@]}") |"
  echo "| bench_bare_proxy (cpp-httplib floor) | $BP_MED | $(bench_ratio "$BP_MED" "$NG_MED")x" \
    "(${BP_RATIOS[*]}) | $(bench_median "${BP_CPU[@]}") |"
  echo "| datahub /request | $DH_MED | ${RATIO}x (${RATIOS[*]}) | $(bench_median "${DH_CPU[@]}") |"
  echo "| (the nginx upstream, per datahub request) | | | $(bench_median "${UP_CPU[@]}") |"
  echo
  echo "datahub /request against the floor: $(bench_ratio "$DH_MED" "$BP_MED")x;" \
    "non-2xx + socket errors of the floor: $BP_BAD"
} >"$TABLE"
cat "$TABLE"
