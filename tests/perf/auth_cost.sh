#!/usr/bin/env bash
# The cost of checking who calls, per request (issue 12): GET /api/connectors/{id} with a
# session cookie, with the admin token and with an API token, against one datahub-server in
# the same run, rounds interleaved (A B C A B C ...). Prints a markdown table with the medians
# and the ratios to the admin token (the issue asks >= 0.9x for the session), and saves it as
# build/bench/auth_cost.md. Not a test: it never fails on a slow figure.
#
#   tests/perf/auth_cost.sh
#
# Knobs (environment): AUTH_BENCH_SERVER (build/native/backend/datahub-server), BENCH_ROUNDS (3),
# BENCH_DURATION (s, 3), BENCH_THREADS (2), BENCH_CONNECTIONS (16).
set -euo pipefail
# shellcheck source=SCRIPTDIR/../../bench/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../bench/lib/common.sh"

SERVER="${AUTH_BENCH_SERVER:-$BENCH_ROOT/build/native/backend/datahub-server}"
ROUNDS="${BENCH_ROUNDS:-3}"
DURATION="${BENCH_DURATION:-3}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
ADMIN="bench-admin-token-0123456789abcdef"
WORK="$BENCH_OUT_DIR/auth_cost"
TABLE="$BENCH_OUT_DIR/auth_cost.md"
BENCH_WRK_LOG="$BENCH_OUT_DIR/auth_cost.wrk.log"
rm -rf "$WORK"
mkdir -p "$WORK/data"
: >"$BENCH_WRK_LOG"
[[ -x "$SERVER" ]] || {
  echo "no $SERVER: build datahub-server first (ninja -C build/native datahub-server)" >&2
  exit 1
}

bench_start "$WORK/server.log" env DATAHUB_ADMIN_TOKEN="$ADMIN" "$SERVER" \
  --listen 127.0.0.1:0 --data "$WORK/data"
PORT="$(bench_wait_port "$WORK/server.log")"
API="http://127.0.0.1:$PORT/api"
json_post() { curl -fsS -X POST -H 'Content-Type: application/json' "$@"; }

# A user's session (the first admin, through the setup link), a connector and an API token.
CODE="$(sed -n 's|.*#setup=\([A-Za-z0-9_-]*\).*|\1|p' "$WORK/server.log" | head -n1)"
json_post -c "$WORK/cookies" -o /dev/null "$API/setup" \
  -d "{\"code\":\"$CODE\",\"username\":\"bench\",\"password\":\"bench password 123\"}"
COOKIE="datahub_session=$(awk '$6 == "datahub_session" { print $7 }' "$WORK/cookies")"
ID="$(json_post -H "Authorization: Bearer $ADMIN" "$API/connectors" \
  -d '{"type":"api","name":"Bench","base_url":"https://erp.example.com/api","auth":{"method":"none"}}' | jq -r .id)"
TOKEN="$(json_post -H "Authorization: Bearer $ADMIN" "$API/tokens" \
  -d '{"name":"bench","role":"viewer"}' | jq -r .token)"
URL="$API/connectors/$ID"
for header in "Cookie: $COOKIE" "Authorization: Bearer $ADMIN" "Authorization: Bearer $TOKEN"; do
  curl -fsS -o /dev/null -H "$header" "$URL" || {
    echo "GET $URL refused with $header" >&2
    exit 1
  }
done

WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s)
wrk "${WRK_ARGS[@]}" -d2s -H "Authorization: Bearer $ADMIN" "$URL" >/dev/null # warm-up
SESSION_RPS=() ADMIN_RPS=() TOKEN_RPS=() BAD=0 result=""
for ((round = 1; round <= ROUNDS; round++)); do
  for kind in session admin token; do
    case "$kind" in
      session) header="Cookie: $COOKIE" ;;
      admin) header="Authorization: Bearer $ADMIN" ;;
      token) header="Authorization: Bearer $TOKEN" ;;
    esac
    bench_wrk result "${WRK_ARGS[@]}" -H "$header" "$URL"
    read -r rps _ _ non2xx errs <<<"$result"
    BAD=$((BAD + non2xx + errs))
    case "$kind" in
      session) SESSION_RPS+=("$rps") ;;
      admin) ADMIN_RPS+=("$rps") ;;
      token) TOKEN_RPS+=("$rps") ;;
    esac
  done
  echo "  round $round: session ${SESSION_RPS[-1]}, admin token ${ADMIN_RPS[-1]}," \
    "API token ${TOKEN_RPS[-1]} req/s" >&2
done
S="$(bench_median "${SESSION_RPS[@]}")"
A="$(bench_median "${ADMIN_RPS[@]}")"
T="$(bench_median "${TOKEN_RPS[@]}")"
{
  echo "## GET /api/connectors/{id}: who calls, per request"
  echo
  echo "$ROUNDS rounds x ${DURATION} s each, interleaved; wrk -t$THREADS -c$CONNECTIONS;" \
    "non-2xx or socket errors: $BAD"
  echo
  echo "| caller | req/s (median) | vs admin token | target |"
  echo "|---|---|---|---|"
  echo "| admin token | $A | 1.00 | |"
  echo "| session cookie | $S | $(bench_ratio "$S" "$A") | ≥ 0.9: $(bench_check "$(bench_ratio "$S" "$A")" ge 0.9) |"
  echo "| API token | $T | $(bench_ratio "$T" "$A") | |"
} | tee "$TABLE"
