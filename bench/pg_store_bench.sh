#!/usr/bin/env bash
# The PostgreSQL store against LMDB, side by side, and the time a change made through one server
# takes to show on another sharing the database. Prints a markdown table and saves it as
# build/bench/pg_store.md. Not a test: it never fails on a slow figure.
#
#   bench/pg_store_bench.sh
#
# 0. A PostgreSQL cluster of its own (Debian's binaries, initdb in a temporary directory, as
#    `nobody` when run as root, 127.0.0.1 only, the server's default settings: fsync on).
# 1. N connectors into an LMDB data directory and into the PostgreSQL database through
#    ConnectorService (bench_bulk_load: LMDB with sync off; PostgreSQL from BENCH_LOAD_THREADS
#    connections with synchronous_commit off for the loader's sessions), then VACUUM ANALYZE.
# 2. The same datahub-server binary with the same flags on each store: GET /api/connectors
#    latency (first page, a cursor page deep in, sort=-updated_at, q=berlin; requests
#    interleaved LMDB, PostgreSQL, ...), and GET /api/connectors/{id} req/s with wrk, one
#    connector (served from the connector cache) and ids at random (mostly cache misses), in
#    interleaved rounds.
# 3. A second server B on the same database: PUT on A, read B in a tight loop until it shows
#    the new version (bench_propagation), BENCH_CHANGES times. When B never shows one, says so.
# Knobs (environment): BENCH_CONNECTORS (100000), BENCH_LOAD_THREADS (4), BENCH_ROUNDS (3),
# BENCH_DURATION (s, 5), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_LIST_REQUESTS (200),
# BENCH_BR_REQUESTS (20), BENCH_CHANGES (200), BENCH_WAIT_MS (2000: a change not on B by then counts as missed).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

COUNT="${BENCH_CONNECTORS:-100000}"
LOAD_THREADS="${BENCH_LOAD_THREADS:-4}"
ROUNDS="${BENCH_ROUNDS:-3}"
DURATION="${BENCH_DURATION:-5}"
THREADS="${BENCH_THREADS:-2}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
LIST_REQUESTS="${BENCH_LIST_REQUESTS:-200}"
BR_REQUESTS="${BENCH_BR_REQUESTS:-20}"
CHANGES="${BENCH_CHANGES:-200}"
WAIT_MS="${BENCH_WAIT_MS:-2000}"
TOKEN="bench-admin-token-0123456789abcdef"
WORK="$BENCH_OUT_DIR/pg_store"
TABLE="$BENCH_OUT_DIR/pg_store.md"
BENCH_WRK_LOG="$BENCH_OUT_DIR/pg_store.wrk.log"
export BENCH_TOKEN="$TOKEN"
rm -rf "$WORK"
mkdir -p "$WORK"/{lmdb,pg-key,pg-a,pg-b}
: >"$BENCH_WRK_LOG"

# [0] PostgreSQL. Its cluster lives under /tmp: `nobody` may not enter the build tree.
PG_DIR="$(mktemp -d /tmp/datahub-pg-bench-XXXXXX)"
PG_PID=""
pg_bench_cleanup() {
  local pid
  # The servers before their database (as an operator would), then PostgreSQL's fast shutdown.
  for pid in "${BENCH_PIDS[@]}"; do
    [[ "$pid" == "$PG_PID" ]] || bench_stop "$pid"
  done
  if [[ -n "$PG_PID" ]]; then kill -INT "$PG_PID" 2>/dev/null || true; fi
  bench_cleanup
  rm -rf "$PG_DIR"
}
trap pg_bench_cleanup EXIT

PG_BIN="$(find /usr/lib/postgresql -maxdepth 3 -path '*/bin/postgres' -printf '%h\n' | sort -V |
  tail -n1)"
if [[ -z "$PG_BIN" ]]; then
  echo "no PostgreSQL server in /usr/lib/postgresql/*/bin (Debian's postgresql package)" >&2
  exit 1
fi
# "${AS_PG[@]}" CMD...: CMD in the cluster's directory, as nobody when this runs as root (and
# sent SIGQUIT, PostgreSQL's immediate shutdown, should this script die without stopping it).
AS_PG=(env -C "$PG_DIR")
if [[ "$(id -u)" == 0 ]]; then
  AS_PG=(setpriv --reuid=nobody --regid=nogroup --clear-groups --pdeathsig=QUIT "${AS_PG[@]}")
fi
[[ "$(id -u)" == 0 ]] && chown nobody:nogroup "$PG_DIR"
echo "PostgreSQL: initdb in $PG_DIR..." >&2
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" --auth=trust -U datahub --encoding=UTF8 --locale=C \
  >"$WORK/initdb.log" 2>&1
PG_PORT="$(bench_free_port)"
bench_start "$WORK/postgres.log" "${AS_PG[@]}" "$PG_BIN/postgres" -D "$PG_DIR/data" -k "$PG_DIR" \
  -p "$PG_PORT" -c listen_addresses=127.0.0.1
PG_PID="$BENCH_LAST_PID"
for ((i = 0; i < 300; i++)); do
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" && break
  sleep 0.1
done
psql_do() { "$PG_BIN/psql" -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U datahub "$@"; }
psql_do -d postgres -c "CREATE DATABASE datahub" >/dev/null
PG_URL="postgresql://datahub@127.0.0.1:$PG_PORT/datahub"
PG_VERSION="$("$PG_BIN/postgres" --version | awk '{ print $3 }')"

echo "building (Release, $BENCH_BUILD_DIR)..." >&2
# Only what this script runs: the whole datahub_bench_tools includes the ImGui frame benchmark.
bench_build bench_bulk_load bench_latency_client bench_propagation

# [1] The loads.
seconds_of() { sed -n 's/.* added in \([0-9.]*\) s.*/\1/p' <<<"$1"; }
echo "loading $COUNT connectors into LMDB..." >&2
LMDB_LOAD="$("$BENCH_BIN/bench_bulk_load" --data "$WORK/lmdb" --count "$COUNT")"
echo "  $LMDB_LOAD" >&2
echo "loading $COUNT connectors into PostgreSQL ($LOAD_THREADS connections)..." >&2
PG_LOAD="$("$BENCH_BIN/bench_bulk_load" --data "$WORK/pg-key" --threads "$LOAD_THREADS" \
  --count "$COUNT" --store "$PG_URL?options=-c%20synchronous_commit%3Doff")"
echo "  $PG_LOAD" >&2
ANALYZE_START="$(date +%s.%N)"
psql_do -d datahub -c "VACUUM ANALYZE" >/dev/null
ANALYZE_S="$(awk -v a="$ANALYZE_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
PG_SIZE="$(psql_do -d datahub -At -c "SELECT pg_size_pretty(pg_database_size('datahub'))")"
LMDB_SIZE="$(du -sh "$WORK/lmdb/data.mdb" | cut -f1)"

# [2] One server per store, the same binary and flags; PostgreSQL's servers share one key file.
export DATAHUB_ADMIN_TOKEN="$TOKEN"
start_server() { # NAME ARGS...: sets SERVER_PID and SERVER_PORT
  local name="$1"
  shift
  bench_start "$WORK/$name.log" "$BENCH_SERVER" --listen 127.0.0.1:0 "$@"
  SERVER_PID="$BENCH_LAST_PID"
  SERVER_PORT="$(bench_wait_port "$WORK/$name.log")"
}
start_server lmdb --data "$WORK/lmdb"
LMDB_PID="$SERVER_PID" LMDB_PORT="$SERVER_PORT"
export DATAHUB_SECRET_KEY_FILE="$WORK/pg-key/secret.key"
start_server pg-a --data "$WORK/pg-a" --store "$PG_URL"
PG_A_PORT="$SERVER_PORT"
unset DATAHUB_SECRET_KEY_FILE
AUTH=(-H "Authorization: Bearer $TOKEN")

# per_store NAME PORT: the first id, a cursor deep in (after offset COUNT/2) and every id.
per_store() {
  local name="$1" api="http://127.0.0.1:$2/api/connectors" cursor="" page=0
  curl -fsS "${AUTH[@]}" "$api?limit=50" | jq -r '.items[0].id' >"$WORK/$name.id"
  curl -fsS "${AUTH[@]}" "$api?limit=50&offset=$((COUNT / 2))" |
    jq -r '.next_cursor | @uri' >"$WORK/$name.cursor"
  : >"$WORK/$name.ids"
  while :; do
    curl -fsS "${AUTH[@]}" "$api?limit=500${cursor:+&cursor=$cursor}" >"$WORK/$name.page"
    jq -r '.items[].id' "$WORK/$name.page" >>"$WORK/$name.ids"
    cursor="$(jq -r '.next_cursor // empty | @uri' "$WORK/$name.page")"
    page=$((page + 1))
    [[ -n "$cursor" && "$page" -lt 1000 ]] || break
  done
}
echo "reading ids and cursors..." >&2
per_store lmdb "$LMDB_PORT"
per_store pg "$PG_A_PORT"

echo "list latency: $LIST_REQUESTS requests per query and store, interleaved..." >&2
# Uncompressed, as wrk asks: the store's cost, not the compressor's. The "br" rows ask as
# cpp-httplib's client and browsers do (before main's c9d568e the server's brotli at quality 11
# took about 150 ms for a 41 KB page, far longer than the list itself).
target() { # NAME PORT PATH [ACCEPT-ENCODING]
  echo "name=$1;port=$2;method=GET;path=$3;header=Authorization: Bearer $TOKEN;header=Accept-Encoding: ${4:-identity}"
}
LIST_TARGETS=()
for store in lmdb pg; do
  port="$LMDB_PORT"
  [[ "$store" == pg ]] && port="$PG_A_PORT"
  LIST_TARGETS+=(--target "$(target "$store-first" "$port" "/api/connectors?limit=50")")
  LIST_TARGETS+=(--target "$(target "$store-cursor" "$port" \
    "/api/connectors?limit=50&cursor=$(cat "$WORK/$store.cursor")")")
  LIST_TARGETS+=(--target "$(target "$store-sort" "$port" "/api/connectors?limit=50&sort=-updated_at")")
  LIST_TARGETS+=(--target "$(target "$store-q" "$port" "/api/connectors?limit=50&q=berlin")")
done
"$BENCH_BIN/bench_latency_client" --requests "$LIST_REQUESTS" --warmup 5 --max-seconds 150 \
  "${LIST_TARGETS[@]}" >"$WORK/list.txt"
"$BENCH_BIN/bench_latency_client" --requests "$BR_REQUESTS" --warmup 2 --max-seconds 60 \
  --target "$(target lmdb-br "$LMDB_PORT" "/api/connectors?limit=50" "br, gzip, deflate")" \
  --target "$(target pg-br "$PG_A_PORT" "/api/connectors?limit=50" "br, gzip, deflate")" \
  >>"$WORK/list.txt"

echo "wrk GET /api/connectors/{id}: $ROUNDS rounds x ${DURATION}s per store and kind..." >&2
WRK_ARGS=(-t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s)
one_url() { echo "http://127.0.0.1:$1/api/connectors/$(cat "$WORK/$2.id")"; }
wrk_one() { bench_wrk "$1" "${WRK_ARGS[@]}" "${AUTH[@]}" "$(one_url "$2" "$3")"; }
wrk_random() {
  bench_wrk "$1" "${WRK_ARGS[@]}" -s "$BENCH_ROOT/bench/wrk/random_get.lua" \
    "http://127.0.0.1:$2/api/connectors" -- "$WORK/$3.ids"
}
for port in "$LMDB_PORT" "$PG_A_PORT"; do # warm-up
  wrk -t1 -c4 -d1s "${AUTH[@]}" "http://127.0.0.1:$port/api/connectors?limit=1" >/dev/null
done
declare -A RPS=()
BAD=0 r=""
for ((round = 1; round <= ROUNDS; round++)); do
  for kind in one random; do
    for store in lmdb pg; do
      port="$LMDB_PORT"
      [[ "$store" == pg ]] && port="$PG_A_PORT"
      "wrk_$kind" r "$port" "$store"
      read -r rps p50 p99 non2xx errs <<<"$r"
      RPS[$kind-$store]="${RPS[$kind-$store]:-} $rps"
      RPS[$kind-$store-p50]="${RPS[$kind-$store-p50]:-} $p50"
      RPS[$kind-$store-p99]="${RPS[$kind-$store-p99]:-} $p99"
      BAD=$((BAD + non2xx + errs))
      echo "  round $round $kind $store: $rps req/s" >&2
    done
  done
done
bench_stop "$LMDB_PID" # nothing reads LMDB any more: its server leaves the cores to A and B

# [3] Server B on the same database, and the time a change on A takes to reach it.
export DATAHUB_SECRET_KEY_FILE="$WORK/pg-key/secret.key"
start_server pg-b --data "$WORK/pg-b" --store "$PG_URL"
PG_B_PORT="$SERVER_PORT"
unset DATAHUB_SECRET_KEY_FILE
echo "propagation: $CHANGES changes on A, B read until it shows each..." >&2
PROP="$("$BENCH_BIN/bench_propagation" --a "$PG_A_PORT" --b "$PG_B_PORT" --token "$TOKEN" \
  --changes "$CHANGES" --wait-ms "$WAIT_MS" --never-after 3)"
echo "  $PROP" >&2

# The table.
med() { read -ra values <<<"$1" && bench_median "${values[@]}"; }
list_cell() { # NAME: "p50 / p99 ms"
  local line
  line="$(grep "^name=$1 " "$WORK/list.txt")"
  echo "$(bench_field "$line" p50_ms) / $(bench_field "$line" p99_ms) ms"
}
list_ratio() { # QUERY: PostgreSQL p50 / LMDB p50
  bench_ratio "$(bench_field "$(grep "^name=pg-$1 " "$WORK/list.txt")" p50_ms)" \
    "$(bench_field "$(grep "^name=lmdb-$1 " "$WORK/list.txt")" p50_ms)"
}
list_row() { # QUERY LABEL
  echo "| $2, p50 / p99 | $(list_cell "lmdb-$1") | $(list_cell "pg-$1") | $(list_ratio "$1")x |"
}
wrk_row() { # KIND LABEL
  local lmdb pg
  lmdb="$(med "${RPS[$1-lmdb]}")" pg="$(med "${RPS[$1-pg]}")"
  echo "| $2 req/s (median of $ROUNDS; rounds: LMDB${RPS[$1-lmdb]}, PostgreSQL${RPS[$1-pg]})" \
    "| $lmdb | $pg | $(bench_ratio "$pg" "$lmdb")x |"
  echo "| $2 wrk latency p50 / p99 (median of rounds)" \
    "| $(med "${RPS[$1-lmdb-p50]}") / $(med "${RPS[$1-lmdb-p99]}") ms" \
    "| $(med "${RPS[$1-pg-p50]}") / $(med "${RPS[$1-pg-p99]}") ms | |"
}
propagation_rows() {
  if [[ "$(bench_field "$PROP" never)" == 1 ]]; then
    echo "| change on A → seen on B | | **never**: B served the old version for ${WAIT_MS} ms after" \
      "each of the first 3 PUTs on A (its connector cache does not hear of other servers'" \
      "changes) | |"
    return
  fi
  echo "| change on A → seen on B, from A's 200 (n=$(bench_field "$PROP" reached) of" \
    "$(bench_field "$PROP" changes); missed within ${WAIT_MS} ms: $(bench_field "$PROP" missed))" \
    "| | p50 $(bench_field "$PROP" reach_p50_ms) / p99 $(bench_field "$PROP" reach_p99_ms) ms" \
    "(max $(bench_field "$PROP" reach_max_ms); B's reads until it showed it, p50:" \
    "$(bench_field "$PROP" polls_p50)) | |"
  echo "| same, from the moment the PUT was sent | |" \
    "p50 $(bench_field "$PROP" sent_p50_ms) / p99 $(bench_field "$PROP" sent_p99_ms) ms | |"
  echo "| the PUT on A itself, p50 | | $(bench_field "$PROP" put_p50_ms) ms | |"
}
{
  echo "## PostgreSQL store vs LMDB — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "commit $(git -C "$BENCH_ROOT" rev-parse --short HEAD), $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), Release build, PostgreSQL $PG_VERSION" \
    "(default settings, fsync on, on 127.0.0.1), the same datahub-server binary and flags on both"
  echo
  echo "| measurement | LMDB | PostgreSQL | PG / LMDB |"
  echo "|---|---|---|---|"
  echo "| load $COUNT connectors through ConnectorService (LMDB: sync off; PG: $LOAD_THREADS" \
    "connections, synchronous_commit off; then VACUUM ANALYZE ${ANALYZE_S} s)" \
    "| $(seconds_of "$LMDB_LOAD") s | $(seconds_of "$PG_LOAD") s | |"
  echo "| store size | $LMDB_SIZE | $PG_SIZE | |"
  list_row first "list first page (limit 50)"
  list_row cursor "list cursor page after offset $((COUNT / 2)) (limit 50)"
  list_row sort "list sort=-updated_at first page (limit 50)"
  list_row q "list q=berlin (limit 50)"
  list_row br "list first page asking for br, gzip (as cpp-httplib's client and browsers do; $BR_REQUESTS requests)"
  wrk_row one "GET one connector (wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s; connector cache hit)"
  wrk_row random "GET a random one of $COUNT ids (the connector cache keeps 8192: mostly misses at 100k)"
  echo "| non-2xx + socket errors during wrk (both) | $BAD | | |"
  propagation_rows
  echo
  echo "List latency: bench_latency_client, $LIST_REQUESTS sequential keep-alive requests per" \
    "query and store, the eight interleaved request by request, with Accept-Encoding: identity" \
    "(as wrk): the last list row is the same first page as a browser asks for it (compressed)."
} >"$TABLE"
cat "$TABLE"
