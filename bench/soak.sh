#!/usr/bin/env bash
# Soak: datahub-server under ten minutes of mixed traffic, sampled every 10 s for resident
# memory, open file descriptors and threads. Prints a markdown table and saves it as
# build/bench/soak.md. Not a test: it reports PASS or FAIL against the target (growth from the
# 60 s sample to the end ≤ 5 % for each, 0 errors) and never exits non-zero on a figure.
#
#   bench/soak.sh                  # 10 minutes
#   SOAK_SECONDS=60 bench/soak.sh  # a quick look
#
# The local upstream is nginx (bench/nginx/upstream.conf.in: /data.json and a token endpoint);
# datahub-server runs with --allow-private-networks on a new data directory; bench_soak_client
# drives create, update, activate/disable, delete, get, list pages, history, test and /request
# through the upstream, paced, and counts every unexpected answer as an error.
# Knobs (environment): SOAK_SECONDS (600), SOAK_RATE (requests/s in all, 200),
# SOAK_THREADS (client connections, 4).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

DURATION="${SOAK_SECONDS:-600}"
RATE="${SOAK_RATE:-200}"
THREADS="${SOAK_THREADS:-4}"
INTERVAL=10
BASELINE_AT=60 # growth is measured from this sample: the first minute fills caches and pools
TOKEN="bench-admin-token-0123456789abcdef"
WORK="$BENCH_OUT_DIR/soak"
SAMPLES="$WORK/samples.txt" # t rss_kib anon_kib file_kib fds threads requests errors mdb_kib
TABLE="$BENCH_OUT_DIR/soak.md"
rm -rf "$WORK"
mkdir -p "$WORK"

echo "building (Release, $BENCH_BUILD_DIR)..." >&2
bench_build
bench_start_upstream "$WORK/upstream"
bench_start "$WORK/datahub.log" env DATAHUB_ADMIN_TOKEN="$TOKEN" "$BENCH_SERVER" \
  --listen 127.0.0.1:0 --data "$WORK/data" --allow-private-networks
DH_PID="$BENCH_LAST_PID"
DH_PORT="$(bench_wait_port "$WORK/datahub.log")"

# proc_value PID KEY: a number from /proc/PID/status ("VmRSS:  1234 kB" -> 1234).
proc_value() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# One line of $SAMPLES at second $1 of the traffic.
sample() {
  local progress="requests=0 errors=0"
  [[ "$1" == 0 ]] || progress="$(grep '^t=' "$WORK/client.out" | tail -n1)"
  echo "$1 $(proc_value "$DH_PID" VmRSS) $(proc_value "$DH_PID" RssAnon)" \
    "$(proc_value "$DH_PID" RssFile) $(find "/proc/$DH_PID/fd" -mindepth 1 | wc -l)" \
    "$(proc_value "$DH_PID" Threads) $(bench_field "$progress" requests)" \
    "$(bench_field "$progress" errors)" "$(du -k "$WORK/data/data.mdb" | cut -f1)" >>"$SAMPLES"
}

echo "soak: ${DURATION}s at $RATE requests/s, sampled every ${INTERVAL}s..." >&2
: >"$SAMPLES"
# 2 s of traffic past the last sample: a client that has just closed its connections would show
# as fewer open files (24 -> 20 at 600 s in the first runs).
bench_start "$WORK/client.out" "$BENCH_BIN/bench_soak_client" --port "$DH_PORT" --token "$TOKEN" \
  --upstream-port "$UPSTREAM_PORT" --seconds "$((DURATION + 2))" --threads "$THREADS" --rate "$RATE"
CLIENT_PID="$BENCH_LAST_PID"
START_NS="$(date +%s%N)"
sample 0 # the server before any traffic (not the baseline)
for ((t = INTERVAL; t <= DURATION; t += INTERVAL)); do
  # Sleep until second t of the traffic; the client prints its counts at the same ticks.
  sleep "$(awk -v ns="$(($(date +%s%N) - START_NS))" -v t="$t" \
    'BEGIN { s = t + 0.2 - ns / 1e9; print (s > 0 ? s : 0) }')"
  if ! kill -0 "$DH_PID" 2>/dev/null; then
    echo "datahub-server exited during the soak (see $WORK/datahub.log)" >&2
    break
  fi
  sample "$t"
  tail -n1 "$SAMPLES" | awk '{ printf "  t=%ss rss=%s KiB fds=%s threads=%s requests=%s errors=%s\n",
    $1, $2, $5, $6, $7, $8 }' >&2
done
bench_reap "$CLIENT_PID" # it ends by itself after --seconds
bench_forget "$CLIENT_PID"
SERVER_ALIVE=yes
kill -0 "$DH_PID" 2>/dev/null || SERVER_ALIVE="**no**"
bench_stop "$DH_PID"

# growth COLUMN: % change of a $SAMPLES column from the baseline sample (or the one at 10 s, when
# the run is shorter) to the last.
growth() {
  awk -v c="$1" -v at="$BASELINE_AT" '
    NR == 2 || $1 == at { base = $c } { last = $c }
    END { if (base > 0) printf "%.1f", (last - base) * 100 / base; else print "n/a" }' "$SAMPLES"
}
# median_growth COLUMN: the same from the median of the 6 samples from the baseline on to the
# median of the last 6: one sample of VmRSS can sit on a burst of allocations.
median_growth() {
  local from to
  from="$(awk -v c="$1" -v at="$BASE_T" '$1 >= at && n < 6 { print $c; n++ }' "$SAMPLES")"
  to="$(tail -n 6 "$SAMPLES" | awk -v c="$1" '{ print $c }')"
  # shellcheck disable=SC2086 # one number per word
  awk -v a="$(bench_median $from)" -v b="$(bench_median $to)" \
    'BEGIN { printf "%.0f → %.0f KiB | %.1f %%", a, b, (b - a) * 100 / a }'
}
value_at() { awk -v c="$1" -v at="$2" '$1 == at { print $c }' "$SAMPLES"; }
LAST_T="$(tail -n1 "$SAMPLES" | cut -d' ' -f1)"
BASE_T="$(awk -v at="$BASELINE_AT" '$1 == at { t = $1 } END { print t }' "$SAMPLES")"
BASE_T="${BASE_T:-$(sed -n 2p "$SAMPLES" | cut -d' ' -f1)}"
TOTAL_LINE="$(grep '^total ' "$WORK/client.out" || echo "requests=0 errors=unknown")"
REQUESTS="$(bench_field "$TOTAL_LINE" requests)"
ERRORS="$(bench_field "$TOTAL_LINE" errors)"
RSS_GROWTH="$(growth 2)" FD_GROWTH="$(growth 5)" THREAD_GROWTH="$(growth 6)"
# The store's pages are mapped into the process: VmRSS grows with the data the soak writes.
# What grows beyond data.mdb's own growth is the process's (a leak would show there).
UNEXPLAINED="$(awk -v at="$BASE_T" '$1 == at { r = $2; m = $9 } { lr = $2; lm = $9 }
  END { if (r > 0) printf "%.1f", ((lr - r) - (lm - m)) * 100 / r; else print "n/a" }' "$SAMPLES")"
VERDICT=PASS
for g in "$RSS_GROWTH" "$FD_GROWTH" "$THREAD_GROWTH"; do
  [[ "$(bench_check "$g" le 5)" == yes ]] || VERDICT=FAIL
done
[[ "$ERRORS" == 0 && "$SERVER_ALIVE" == yes ]] || VERDICT=FAIL

row() { # label column unit
  echo "| $1 at ${BASE_T} s → ${LAST_T} s | $(value_at "$2" "$BASE_T") → $(value_at "$2" "$LAST_T") $3" \
    "| $(growth "$2") % | ≤ 5 % | $(bench_check "$(growth "$2")" le 5) |"
}
{
  echo "## Soak: ${DURATION} s of mixed traffic — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo
  echo "commit $(git -C "$BENCH_ROOT" rev-parse --short HEAD), $(nproc) cores," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), Release build, $THREADS client connections" \
    "paced to $RATE requests/s, upstream nginx on 127.0.0.1. **$VERDICT**"
  echo
  echo "| measurement | value | growth | target | met |"
  echo "|---|---|---|---|---|"
  row "VmRSS (KiB)" 2 KiB
  row "open file descriptors" 5 ""
  row "threads" 6 ""
  echo "| VmRSS, median of 6 samples from ${BASE_T} s → median of the last 6 | $(median_growth 2)" \
    "| | |"
  # Not targets: where VmRSS goes. RssFile follows the LMDB file, which grows with every write
  # (history entries are kept, also those of deleted connectors).
  echo "| of which RssAnon (heap, stacks) | $(value_at 3 "$BASE_T") → $(value_at 3 "$LAST_T") KiB" \
    "| $(growth 3) % | | |"
  echo "| of which RssFile (the LMDB map, the binary) | $(value_at 4 "$BASE_T") →" \
    "$(value_at 4 "$LAST_T") KiB | $(growth 4) % | | |"
  echo "| data.mdb on disk | $(value_at 9 "$BASE_T") → $(value_at 9 "$LAST_T") KiB | $(growth 9) % | | |"
  echo "| VmRSS growth beyond data.mdb's growth, of VmRSS at ${BASE_T} s | | $UNEXPLAINED % | ≤ 5 % |" \
    "$(bench_check "$UNEXPLAINED" le 5) |"
  echo "| requests | $REQUESTS | | | |"
  echo "| errors (unexpected status, test not ok, upstream not 200, no answer) | $ERRORS | | 0" \
    "| $(bench_check "${ERRORS/unknown/1}" le 0) |"
  echo "| server still running at the end | $SERVER_ALIVE | | yes | $SERVER_ALIVE |"
  echo
  echo "Requests by kind:"
  echo
  echo "| kind | requests | errors |"
  echo "|---|---|---|"
  sed -n 's/^op=\([a-z]*\) requests=\([0-9]*\) errors=\([0-9]*\)$/| \1 | \2 | \3 |/p' "$WORK/client.out"
  echo
  echo "The curve (every ${INTERVAL} s; RssAnon + RssFile = VmRSS):"
  echo
  echo "| t (s) | VmRSS KiB | RssAnon KiB | RssFile KiB | fds | threads | requests so far" \
    "| errors so far | data.mdb KiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  awk '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }' \
    "$SAMPLES"
} >"$TABLE"
cat "$TABLE"
echo "soak: $VERDICT (growth after ${BASE_T} s: RSS $RSS_GROWTH %, of which beyond the store" \
  "file's growth $UNEXPLAINED %; fds $FD_GROWTH %, threads $THREAD_GROWTH %; $ERRORS errors in" \
  "$REQUESTS requests)"
