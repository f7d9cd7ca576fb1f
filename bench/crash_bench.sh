#!/usr/bin/env bash
# Crash safety at scale: kill -9 datahub-server while it takes writes, many times over, and
# count the acknowledged writes it lost (the target is 0). Prints a markdown table and saves it
# as build/bench/crash.md. Not a test: it reports, it never fails on a figure
# (tests/store/crash_test.cpp is the short version in the test suite).
#
#   bench/crash_bench.sh
#
# One data directory for all rounds, so the store grows as it would in use. Each round:
# 1. bench_crash_client sends create / update / activate / disable / delete (each with its
#    history entry) from several connections and logs every write the server acknowledged (2xx);
# 2. after a random delay the server gets SIGKILL;
# 3. mdb_stat (LMDB's own reader) checks the environment: exit status, entries, pages;
# 4. the server starts again on the directory and bench_crash_check compares what it serves with
#    every acknowledged write of every round so far (and this round's history entries).
# At the end one more check reads the history entries of every acknowledged write.
# Knobs (environment): CRASH_ROUNDS (100), CRASH_THREADS (4), CRASH_MIN_MS (100),
# CRASH_MAX_MS (1500): the kill lands at a uniformly random moment in between.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ROUNDS="${CRASH_ROUNDS:-100}"
THREADS="${CRASH_THREADS:-4}"
MIN_MS="${CRASH_MIN_MS:-100}"
MAX_MS="${CRASH_MAX_MS:-1500}"
TOKEN="bench-admin-token-0123456789abcdef"
WORK="$BENCH_OUT_DIR/crash"
DATA="$WORK/data"
ACKS="$WORK/acks.txt"   # the client's lines of all rounds
ROWS="$WORK/rounds.md"  # one table row per round
TABLE="$BENCH_OUT_DIR/crash.md"
rm -rf "$WORK"
mkdir -p "$WORK"
: >"$ACKS"
: >"$ROWS"

echo "building (Release, $BENCH_BUILD_DIR)..." >&2
bench_build

SERVER_PID="" PORT=""
start_server() {
  bench_start "$WORK/server.log" env DATAHUB_ADMIN_TOKEN="$TOKEN" "$BENCH_SERVER" \
    --listen 127.0.0.1:0 --data "$DATA"
  SERVER_PID="$BENCH_LAST_PID"
  PORT="$(bench_wait_port "$WORK/server.log")"
}

# The LMDB environment: the directory that holds data.mdb.
lmdb_dir() { dirname "$(find "$DATA" -name data.mdb | head -n1)"; }

# mdb_stat on the environment as the kill left it: "ok" (or "**fail**"), records and history
# entries, pages used. Its full output is in $WORK/mdb_stat.txt.
mdb_health() {
  local dir text
  dir="$(lmdb_dir)"
  if text="$( (mdb_stat -e "$dir" && mdb_stat -a "$dir") 2>&1)"; then
    printf 'ok'
  else
    printf '**fail**'
  fi
  printf '%s\n' "$text" >"$WORK/mdb_stat.txt"
  awk '/^Status of records/ { db = "r" } /^Status of history/ { db = "h" }
       /Entries:/ && db != "" { e[db] = $2; db = "" }
       /Number of pages used:/ { pages = $5 }
       END { printf " | %s | %s | %s", e["r"], e["h"], pages }' <<<"$text"
}

MDB_OK=0 TOTAL_ACKED=0 TOTAL_FAILS=0 TOTAL_LOST=0 TOTAL_HISTORY_LOST=0 LANDED_BEFORE=0 CHECK="" KILL_MS=""
start_server
for ((round = 1; round <= ROUNDS; round++)); do
  bench_start "$WORK/round.txt" "$BENCH_BIN/bench_crash_client" --port "$PORT" --token "$TOKEN" \
    --threads "$THREADS" --seed "$round" --seconds 60
  CLIENT_PID="$BENCH_LAST_PID"
  KILL_MS=$((MIN_MS + RANDOM % (MAX_MS - MIN_MS + 1)))
  sleep "$(awk -v ms="$KILL_MS" 'BEGIN { print ms / 1000 }')"
  bench_kill9 "$SERVER_PID"
  bench_reap "$CLIENT_PID" # it stops at its first unanswered request
  bench_forget "$CLIENT_PID"
  cat "$WORK/round.txt" >>"$ACKS"
  acked="$(grep -c '^ack ' "$WORK/round.txt" || true)"
  fails="$(grep -c '^fail ' "$WORK/round.txt" || true)"
  HEALTH="$(mdb_health)"
  [[ "$HEALTH" == ok* ]] && MDB_OK=$((MDB_OK + 1))

  start_server
  CHECK="$("$BENCH_BIN/bench_crash_check" --port "$PORT" --token "$TOKEN" --acks "$ACKS" \
    --history "$WORK/round.txt" 2>>"$WORK/lost.txt")"
  lost="$(bench_field "$CHECK" lost)" history_lost="$(bench_field "$CHECK" history_lost)"
  # The check counts over all rounds so far: this round's share is the difference.
  landed=$(($(bench_field "$CHECK" landed) - LANDED_BEFORE))
  LANDED_BEFORE=$((LANDED_BEFORE + landed))
  TOTAL_ACKED=$((TOTAL_ACKED + acked)) TOTAL_FAILS=$((TOTAL_FAILS + fails))
  TOTAL_LOST=$((TOTAL_LOST + lost)) TOTAL_HISTORY_LOST=$((TOTAL_HISTORY_LOST + history_lost))
  echo "| $round | $KILL_MS | $acked | $fails | $lost | $history_lost | $landed" \
    "| $(bench_field "$CHECK" connectors) | $HEALTH |" >>"$ROWS"
  echo "  round $round: killed after $KILL_MS ms, $acked acknowledged, lost $lost," \
    "history lost $history_lost, mdb_stat ${HEALTH%% *}" >&2
done

# Every acknowledged write's history entry, all rounds at once.
echo "final check of every history entry..." >&2
FINAL="$("$BENCH_BIN/bench_crash_check" --port "$PORT" --token "$TOKEN" --acks "$ACKS" \
  --history "$ACKS" 2>>"$WORK/lost.txt")"
bench_stop "$SERVER_PID"
ENV_BYTES="$(du -b "$(lmdb_dir)/data.mdb" | cut -f1)"

{
  echo "## Crash safety: kill -9 of datahub-server under writes — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "commit $(git -C "$BENCH_ROOT" rev-parse --short HEAD), $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), Release build, $THREADS writer connections," \
    "kill after ${MIN_MS}-${MAX_MS} ms, data.mdb $((ENV_BYTES / 1024)) KiB at the end"
  echo
  echo "| measurement | value | target | met |"
  echo "|---|---|---|---|"
  echo "| rounds (kill -9, mdb_stat, restart, check) | $ROUNDS | ≥ 100 | $(bench_check "$ROUNDS" ge 100) |"
  echo "| acknowledged writes (2xx: create, update, activate, disable, delete) | $TOTAL_ACKED | | |"
  echo "| lost acknowledged writes (missing, older, or a deleted one back) | $TOTAL_LOST | 0 | $(bench_check "$TOTAL_LOST" le 0) |"
  echo "| lost history entries (checked each round for its writes)" \
    "| $TOTAL_HISTORY_LOST | 0 | $(bench_check "$TOTAL_HISTORY_LOST" le 0) |"
  echo "| final check, all rounds: history entries checked / lost" \
    "| $(bench_field "$FINAL" history_checked) / $(bench_field "$FINAL" history_lost) | 0 lost" \
    "| $(bench_check "$(bench_field "$FINAL" history_lost)" le 0) |"
  echo "| final check, all rounds: lost acknowledged writes | $(bench_field "$FINAL" lost) | 0" \
    "| $(bench_check "$(bench_field "$FINAL" lost)" le 0) |"
  echo "| mdb_stat -e and -a exit 0 after the kill | $MDB_OK / $ROUNDS | all | $(bench_check "$MDB_OK" ge "$ROUNDS") |"
  echo "| unanswered writes (no answer before the kill; stored or not, either is right)" \
    "| $(grep -c '^maybe ' "$ACKS" || true) | | |"
  echo "| unanswered changes found stored after the restart | $(bench_field "$FINAL" landed) | | |"
  echo "| unanswered creates / connectors never acknowledged but listed" \
    "| $(bench_field "$FINAL" maybe_creates) / $(bench_field "$FINAL" unknown) | listed ≤ unanswered" \
    "| $(bench_check "$(bench_field "$FINAL" unknown)" le "$(bench_field "$FINAL" maybe_creates)") |"
  echo "| other answers than 2xx during the writes (errors) | $TOTAL_FAILS | 0 | $(bench_check "$TOTAL_FAILS" le 0) |"
  echo
  echo "Per round (mdb_stat after the kill, before the restart: entries of records and history, pages used):"
  echo
  echo "| round | kill after ms | acknowledged | errors | lost | history lost | landed unanswered" \
    "| connectors listed | mdb_stat | records | history | pages used |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  cat "$ROWS"
} >"$TABLE"
sed -n '1,/^Per round/p' "$TABLE"
echo "(per-round rows in $TABLE)"
