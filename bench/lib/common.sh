# shellcheck shell=bash
# shellcheck disable=SC2034  # variables and namerefs used by the scripts that source this
# Shared by the bench/*.sh scripts (sourced, never run): the build, background processes that
# are always stopped, free ports, waiting for a server, wrk runs, and table helpers.
# Every address is 127.0.0.1; every wait and every load has a time bound.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_BUILD_DIR="${BENCH_BUILD_DIR:-$BENCH_ROOT/build/helper-bench}"
BENCH_OUT_DIR="${BENCH_OUT_DIR:-$BENCH_ROOT/build/bench}"
BENCH_BIN="$BENCH_BUILD_DIR/bench"
BENCH_SERVER="$BENCH_BUILD_DIR/backend/datahub-server"
mkdir -p "$BENCH_OUT_DIR"

BENCH_PIDS=()

# bench_reap PID: waits up to 5 s for a process told to stop, then SIGKILLs and reaps it.
bench_reap() {
  local pid="$1" waited=0
  while kill -0 "$pid" 2>/dev/null && ((waited < 50)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Stops every process started with bench_start: SIGTERM to all, then bench_reap each.
bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    bench_reap "$pid"
  done
  BENCH_PIDS=()
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

# bench_start LOG CMD...: runs CMD in the background (stdout and stderr to LOG), remembers it.
# The pid is in $BENCH_LAST_PID.
bench_start() {
  local log="$1"
  shift
  : >"$log"
  "$@" >"$log" 2>&1 &
  BENCH_LAST_PID=$!
  BENCH_PIDS+=("$BENCH_LAST_PID")
}

# bench_forget PID: a process started with bench_start that has been reaped.
bench_forget() {
  local pid="$1" kept=() p
  for p in "${BENCH_PIDS[@]}"; do [[ "$p" == "$pid" ]] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
}

# bench_stop PID: stops one process started with bench_start, and forgets it.
bench_stop() {
  kill -TERM "$1" 2>/dev/null || true
  bench_reap "$1"
  bench_forget "$1"
}

# bench_kill9 PID: SIGKILL to one process started with bench_start, reaped and forgotten.
bench_kill9() {
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  bench_forget "$1"
}

# bench_build [TARGET...]: builds datahub-server and the given benchmark programs (default: all
# of them, datahub_bench_tools) in Release in $BENCH_BUILD_DIR.
bench_build() {
  if [[ ! -f "$BENCH_BUILD_DIR/build.ninja" ]]; then
    cmake -S "$BENCH_ROOT" -B "$BENCH_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  local targets=("$@")
  ((${#targets[@]})) || targets=(datahub_bench_tools)
  cmake --build "$BENCH_BUILD_DIR" -j2 --target datahub-server "${targets[@]}" >/dev/null
}

# bench_nginx_conf IN OUT: fills a bench/nginx/*.conf.in (@DIR@ is $BENCH_NGINX_DIR; the ports
# are $UPSTREAM_PORT and $PROXY_PORT; nginx run as root needs "user root;").
bench_nginx_conf() {
  local user_line=""
  [[ "$(id -u)" == 0 ]] && user_line="user root;"
  sed -e "s|@DIR@|$BENCH_NGINX_DIR|g" -e "s|@UPSTREAM_PORT@|${UPSTREAM_PORT:-}|g" \
    -e "s|@PROXY_PORT@|${PROXY_PORT:-}|g" -e "s|@USER@|$user_line|g" "$1" >"$2"
}

# bench_start_upstream DIR: the local upstream (nginx: a small JSON at /data.json and a token
# endpoint at /oauth/token) with its files in DIR, on a free port. Sets UPSTREAM_PORT,
# UPSTREAM_PID and BENCH_NGINX_DIR.
bench_start_upstream() {
  BENCH_NGINX_DIR="$1"
  mkdir -p "$BENCH_NGINX_DIR/tmp" "$BENCH_NGINX_DIR/www"
  printf '%s' '{"items":[{"sku":"A-100","name":"Widget","price":12.5,"stock":40},' \
    '{"sku":"B-200","name":"Gadget","price":99.0,"stock":3},' \
    '{"sku":"C-300","name":"Sprocket","price":0.75,"stock":1200}],"next":null}' \
    >"$BENCH_NGINX_DIR/www/data.json"
  UPSTREAM_PORT="$(bench_free_port)"
  bench_nginx_conf "$BENCH_ROOT/bench/nginx/upstream.conf.in" "$BENCH_NGINX_DIR/upstream.conf"
  bench_start "$BENCH_NGINX_DIR/upstream.out" nginx -p "$BENCH_NGINX_DIR" \
    -c "$BENCH_NGINX_DIR/upstream.conf" -e "$BENCH_NGINX_DIR/upstream.error.log"
  UPSTREAM_PID="$BENCH_LAST_PID"
  bench_wait_http "http://127.0.0.1:$UPSTREAM_PORT/data.json"
}

# A port that is free on 127.0.0.1 right now.
bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# bench_wait_port LOG: waits (20 s at most) for "listening on http://127.0.0.1:PORT" in LOG and
# prints PORT.
bench_wait_port() {
  local log="$1" i port
  for ((i = 0; i < 400; i++)); do
    port="$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$log" | head -n1)"
    if [[ -n "$port" ]]; then
      echo "$port"
      return 0
    fi
    sleep 0.05
  done
  echo "no 'listening on' line in $log" >&2
  return 1
}

# bench_wait_http URL: waits (20 s at most) for a 2xx from URL.
bench_wait_http() {
  local i
  for ((i = 0; i < 400; i++)); do
    if curl -fsS -o /dev/null --max-time 1 "$1" 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "no answer from $1" >&2
  return 1
}

# bench_wrk OUT_VAR ARGS...: runs wrk (its -d bounds it) and sets OUT_VAR to "RPS P50_MS P99_MS
# NON2XX ERRORS", and BENCH_WRK_REQUESTS to the number of requests. Full output is appended to
# $BENCH_WRK_LOG.
bench_wrk() {
  local -n out="$1"
  shift
  local text
  text="$(wrk --latency "$@" 2>&1)"
  BENCH_WRK_REQUESTS="$(awk '/ requests in / { print $1 }' <<<"$text")"
  printf '### wrk %s\n%s\n' "$*" "$text" >>"${BENCH_WRK_LOG:-$BENCH_OUT_DIR/wrk.log}"
  out="$(awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                     if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /Non-2xx or 3xx responses:/ { non2xx = $5 }
    /Socket errors:/ { errors = $4 + $6 + $8 + $10 }
    END { printf "%.0f %.3f %.3f %d %d", rps, p50, p99, non2xx, errors }' <<<"$text")"
}

# bench_cpu_ticks PID...: user + system CPU time of the processes (all their threads), in clock
# ticks (getconf CLK_TCK per second).
bench_cpu_ticks() {
  local total=0 pid
  for pid in "$@"; do
    [[ -r "/proc/$pid/stat" ]] || continue # a worker that has gone counts nothing
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

# bench_cpu_per_request TICKS_BEFORE PID...: microseconds of CPU the processes used per request
# of the last bench_wrk run.
bench_cpu_per_request() {
  local before="$1" after
  shift
  after="$(bench_cpu_ticks "$@")"
  awk -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" -v n="${BENCH_WRK_REQUESTS:-0}" \
    'BEGIN { if (n > 0) printf "%.0f", t * 1e6 / hz / n; else print "n/a" }'
}

# Median of the numbers given as arguments.
bench_median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_field LINE KEY: the value of KEY=value in a line of key=value pairs.
bench_field() {
  tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -n1
}

# bench_check VALUE OP LIMIT: prints "yes" or "**no**" (OP is ge or le).
bench_check() {
  if awk -v v="$1" -v l="$3" -v op="$2" 'BEGIN { exit !((op == "ge") ? v >= l : v <= l) }'; then
    echo "yes"
  else
    echo "**no**"
  fi
}

# bench_ratio A B: A / B with two decimals.
bench_ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}
