#!/usr/bin/env bash
# Checks at scale (issue 32, item 1): the service with N tcp, N http and N/10 postgres checks every 10 s,
# against a bare Vert.x client doing the same I/O at the same rate (bench/ScaleBaseline.java), in the
# same run, under the image's JVM options (deploy/jvm/jvm.options; the service with its AppCDS archive, as in the image).
#   bash bench/checks-scale.sh                                   (N = 100 1000 10000, 3 rounds)
#   SCALE_NS="100 1000" SCALE_ROUNDS=1 bash bench/checks-scale.sh  (quick mode, for iteration)
#   SCALE_PROFILE=1 bash bench/checks-scale.sh                   (only the JFR profile: 3,000 tcp checks)
# Per N and kind, each round starts a fresh service (then a fresh baseline) and measures:
#   - start → ready: process start to the first 200 from /health/ready;
#   - CPU per check run: utime + stime of the process (/proc/PID/stat) over a window that opens
#     SCALE_SETTLE_S after ready, ÷ the runs in the window (the service: the sum of
#     health_check_duration_seconds_count scraped before and after the window; the baseline: its own
#     counter, printed each second), the runs' rate × the window; the same for the bare client;
#   - RSS at the end of the window, and per check beyond the empty service (no checks) of the same round;
#   - /health, /health/ready, /metrics, /status: size and time of one request after one warm-up request;
#   - with the tcp checks (and on the empty service): probe p99 under a wrk storm on /health/live and
#     /health/ready, after the window (never inside it).
# The rows are medians of the interleaved rounds (empty service; then per N, per kind: service, baseline).
# Servers: the tcp listener and the HTTP server are ScaleBaseline `serve` in a JVM of their own; Postgres
# is a cluster of this bench's own (initdb on a spare port, max_connections for N/10 checks), never the
# shared one (about 99 free connections). Past 100 checks the service runs each non-critical check first at a random
# phase of its first interval, then on that phase with a jitter of up to 5 % (RunCycle, Pacing): spread, like the
# baseline's timers, which are spread evenly. The floor of a large probe body: ScaleBaseline `serve-body`.
# Writes bench/results/checks-scale.md and checks-scale.rows (every round; the profile mode writes
# checks-scale-profile-$SCALE_PROFILE_TAG.md, default "after"; the "before" one is kept). Needs: JDK 17, Maven, curl, wrk, python3, PostgreSQL 15's binaries.
# Knobs: SCALE_NS SCALE_ROUNDS SCALE_KINDS="tcp http postgres" SCALE_SETTLE_S=12 SCALE_WINDOW_S (default
#   20 s below 1,000 checks, else 10 s: whole intervals, 2,000 runs or more but at N/10) SCALE_STORM=5s
#   SCALE_CDS=0 (the service without the image's AppCDS archive) SCALE_JAVA_EXTRA="-Xmx256m" (appended to the image options of service and baseline) SCALE_NAME=checks-scale SCALE_SKIP_BUILD=1 SCALE_PROFILE=1 SCALE_PROFILE_N=3000 SCALE_PROFILE_S=60 SCALE_OUT=bench/results
set -euo pipefail
cd "$(dirname "$0")/.."

NS=${SCALE_NS:-100 1000 10000}
ROUNDS=${SCALE_ROUNDS:-3}
KINDS=${SCALE_KINDS:-tcp http postgres}
SETTLE_S=${SCALE_SETTLE_S:-12}
STORM=${SCALE_STORM:-5s}
PROFILE=${SCALE_PROFILE:-0}
PROFILE_N=${SCALE_PROFILE_N:-3000}
PROFILE_S=${SCALE_PROFILE_S:-60}
OUT=${SCALE_OUT:-bench/results}
NAME=${SCALE_NAME:-checks-scale}   # the results: $OUT/$NAME.md and $OUT/$NAME.rows
INTERVAL_MS=10000
TIMEOUT=2s
SVC=18500 TCP_PORT=18501 HTTP_PORT=18502 PG_PORT=18503
PG_BIN=/usr/lib/postgresql/15/bin
RAW=$(mktemp -d)
PGROOT=""
declare -a PIDS=()
HZ=$(getconf CLK_TCK)
START_S=$(date +%s)
COMMAND="${SCALE_NS:+SCALE_NS=\"$SCALE_NS\" }${SCALE_ROUNDS:+SCALE_ROUNDS=$SCALE_ROUNDS }${SCALE_KINDS:+SCALE_KINDS=\"$SCALE_KINDS\" }${SCALE_WINDOW_S:+SCALE_WINDOW_S=$SCALE_WINDOW_S }${SCALE_JAVA_EXTRA:+SCALE_JAVA_EXTRA=$SCALE_JAVA_EXTRA }${SCALE_CDS:+SCALE_CDS=$SCALE_CDS }${SCALE_PROFILE:+SCALE_PROFILE=$SCALE_PROFILE }bash bench/checks-scale.sh"

log() { echo "scale: $*"; }
ms_now() { date +%s%3N; }
stop_pid() { # SIGTERM, SIGKILL after 10 s
  local p=$1
  kill "$p" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$PGROOT" ] && [ -f "$PGROOT/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  [ -z "$PGROOT" ] || rm -rf "$PGROOT"
  rm -rf "$RAW"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v wrk >/dev/null; then
  log "wrk is missing; installing Debian's package (or run: apt-get install wrk)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null
fi
for tool in curl java javac mvn python3; do
  command -v $tool >/dev/null || { echo "scale: $tool is missing" >&2; exit 2; }
done

if [ "${SCALE_SKIP_BUILD:-0}" != 1 ]; then log "building the jar"; mvn -B -q package -DskipTests; fi
JAR=health-service/target/health-service.jar
javac -d "$RAW/classes" -cp "$JAR" bench/ScaleBaseline.java
mapfile -t JAVA_OPTS < <(grep -v -e '^#' -e '^$' -e '^-XX:SharedArchiveFile=' deploy/jvm/jvm.options)
# SCALE_JAVA_EXTRA (e.g. -Xmx256m): appended to the image's options (later options win), service and baseline alike.
read -r -a EXTRA_OPTS <<<"${SCALE_JAVA_EXTRA:-}"
JAVA_OPTS+=("${EXTRA_OPTS[@]}")
# The service as the image runs it: with the AppCDS archive its options name, trained by deploy/jvm/build-cds.sh as
# the image build trains it (the service once, on its default configuration). The bare client has no archive: its
# classpath differs, and its start is not compared. SCALE_CDS=0: no archive (as the results of earlier runs, up to 2026-12-06 21:51Z).
SERVICE_JAR=$JAR
declare -a SERVICE_OPTS=("${JAVA_OPTS[@]}")
if [ "${SCALE_CDS:-1}" = 1 ] && [ "$PROFILE" != 1 ]; then
  mkdir -p "$RAW/cds"
  SERVICE_JAR=$RAW/cds/health-service.jar
  cp "$JAR" "$SERVICE_JAR"
  { printf '%s\n' "${JAVA_OPTS[@]}"; echo "-XX:SharedArchiveFile=health-service.jsa"; } >"$RAW/cds/jvm.options"
  (cd "$RAW/cds" && sh "$OLDPWD/deploy/jvm/build-cds.sh" jvm.options "$SERVICE_JAR" 18998 >/dev/null 2>&1) \
    || { echo "scale: the AppCDS archive could not be built (deploy/jvm/build-cds.sh)" >&2; exit 1; }
  SERVICE_OPTS+=("-XX:SharedArchiveFile=$RAW/cds/health-service.jsa")
fi
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')

wait_http() { # url, expected status, timeout seconds[, pid that must stay alive]
  local deadline=$(( $(ms_now) + $3 * 1000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = "$2" ]; do
    [ "$(ms_now)" -lt "$deadline" ] || { echo "scale: $1 never answered $2" >&2; return 1; }
    [ -z "${4:-}" ] || kill -0 "$4" 2>/dev/null || { echo "scale: the process died before $1 answered $2" >&2; return 1; }
    sleep 0.02
  done
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$1/status"; }
window_for() { # N → seconds
  if [ -n "${SCALE_WINDOW_S:-}" ]; then echo "$SCALE_WINDOW_S"; return; fi
  if [ "$1" -lt 1000 ]; then echo 20; else echo 10; fi
}
checks_of() { [ "$1" = postgres ] && echo $(( $2 / 10 > 0 ? $2 / 10 : 1 )) || echo "$2"; }
url_of() {
  case $1 in
    tcp) echo "tcp://127.0.0.1:$TCP_PORT" ;;
    http) echo "http://127.0.0.1:$HTTP_PORT/ok" ;;
    postgres) echo "postgresql://postgres@127.0.0.1:$PG_PORT/postgres" ;;
  esac
}
write_config() { # kind, checks, file: the seeds off, `checks` checks of that kind
  # Not critical: ready does not wait for their first runs past 100 checks (nor for every one of N runs to
  # succeed, which a loaded machine may miss by a 2 s timeout); failed runs are counted and shown instead.
  { echo "checks:"; echo "  database: {enabled: false}"; echo "  redis: {enabled: false}"
    [ "$2" -eq 0 ] || awk -v n="$2" -v k="$1" -v u="$(url_of "$1")" -v t=$TIMEOUT \
      'BEGIN {for (i = 1; i <= n; i++) printf "  c%05d: {type: %s, url: \"%s\", interval: 10s, timeout: %s, critical: false}\n", i, k, u, t}'
  } >"$3"
}
# Sum over all checks of a counter on /metrics: "<value> <ms at the request's start>"
svc_runs() {
  local t; t=$(ms_now)
  { curl -s --max-time 60 "http://127.0.0.1:$SVC/metrics" || true; } | awk -v t="$t" '
    /^health_check_duration_seconds_count/ {r += $NF}
    /^health_check_failures_total/ {f += $NF}
    END {printf "%d %d %s\n", r, f, t}'
}
base_runs() { # log → "<ok> <failed> <epoch ms>" from the last line the baseline printed
  awk '$1=="runs" {t=$2; o=$3; f=$4} END {printf "%d %d %s\n", o, f, t}' "$1"
}
endpoint() { # path → "bytes seconds code" of the second of two requests
  local url="http://127.0.0.1:$SVC$1"
  curl -s -o /dev/null --max-time 60 "$url" || true
  curl -s -o /dev/null --max-time 60 -w '%{size_download} %{time_total} %{http_code}' "$url" || echo "- - 000"
}
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}'; }
storm_p99() { # path → p99 ms under wrk -t2 -c64 (after a 2 s warm-up)
  local url="http://127.0.0.1:$SVC$1"
  wrk -t2 -c64 -d2s "$url" >/dev/null 2>&1 || true
  wrk -t2 -c64 -d"$STORM" --latency "$url" >"$RAW/wrk.out" 2>&1 || { echo "-"; return; }
  awk '$1=="99%" {print $2}' "$RAW/wrk.out" | to_ms
}

start_pg() { # a cluster of our own, max_connections for the largest N/10 (the check's pool may hold 2)
  local maxn=0 n
  for n in $NS; do [ "$n" -gt "$maxn" ] && maxn=$n; done
  local conns=$(( maxn / 10 * 2 + 100 ))
  PGROOT=$(mktemp -d /tmp/checks-scale-pg.XXXXXX)
  chown postgres "$PGROOT"
  log "initdb: own Postgres on 127.0.0.1:$PG_PORT, max_connections $conns"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PGROOT/data" -A trust -U postgres >"$PGROOT/initdb.log" 2>&1
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/pg.log" -w -t 60 \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PGROOT -c max_connections=$conns -c shared_buffers=32MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
}

start_service() { # config, log[, extra java options...] → SERVICE_PID, T0
  local config=$1 logf=$2; shift 2
  T0=$(ms_now)
  env -u LLM_API_URL -u DATABASE_URL -u REDIS_URL HEALTH_CONFIG="$config" HTTP_PORT=$SVC HTTP_HOST=127.0.0.1 SHUTDOWN_DRAIN=0s \
    java "${SERVICE_OPTS[@]}" "$@" -jar "$SERVICE_JAR" >"$logf" 2>&1 &
  SERVICE_PID=$!; PIDS+=("$SERVICE_PID")
}

ROWS=$RAW/rows
echo "round n kind who checks ready_ms window_s runs failed cpu_ms us_per_run cpu_pct rss_kb health_b health_s hready_b hready_s metrics_b metrics_s status_b status_s live_p99 ready_p99 floor_p99" >"$ROWS"

# One service: kind (or "empty"), N, round
measure_service() {
  local kind=$1 n=$2 round=$3 checks=0
  [ "$kind" = empty ] || checks=$(checks_of "$kind" "$n")
  local w; w=$(window_for "$n"); [ "$kind" = empty ] && w=$(window_for 0)
  write_config "${kind/empty/tcp}" "$checks" "$RAW/config.yaml"
  start_service "$RAW/config.yaml" "$RAW/service-$kind-$n-$round.log"
  if ! wait_http "http://127.0.0.1:$SVC/health/ready" 200 180 "$SERVICE_PID"; then
    log "service $kind N=$n never ready; last log lines:"; tail -5 "$RAW/service-$kind-$n-$round.log" >&2
    echo "- service $kind, N = $n, round $round: never ready ($(( ($(ms_now) - T0) / 1000 )) s); its last line: \`$(tail -1 "$RAW/service-$kind-$n-$round.log" | cut -c1-200)\`" >>"$RAW/notes"
    stop_pid "$SERVICE_PID"; return 0
  fi
  local ready_ms=$(( $(ms_now) - T0 ))
  sleep "$SETTLE_S"
  local a b c0 c1 t0 t1
  a=$(svc_runs); t0=$(ms_now); c0=$(cpu_ticks "$SERVICE_PID" 2>/dev/null || echo -)
  sleep "$w"
  c1=$(cpu_ticks "$SERVICE_PID" 2>/dev/null || echo -); t1=$(ms_now); b=$(svc_runs)
  if [ "$c0" = - ] || [ "$c1" = - ]; then # died (the heap: an OutOfMemoryError exits the image's JVM)
    log "service $kind N=$n died: $(tail -2 "$RAW/service-$kind-$n-$round.log")"
    echo "- service $kind, N = $n, round $round: died $(( ($(ms_now) - T0) / 1000 )) s after its start; its last line: \`$(tail -1 "$RAW/service-$kind-$n-$round.log" | cut -c1-200)\`" >>"$RAW/notes"
    stop_pid "$SERVICE_PID"; return 0
  fi
  local rss; rss=$(rss_kb "$SERVICE_PID")
  local e_h e_r e_m e_s live=- rdy=-
  e_h=$(endpoint /health); e_r=$(endpoint /health/ready); e_m=$(endpoint /metrics); e_s=$(endpoint /status)
  if [ "$kind" = tcp ] || [ "$kind" = empty ]; then
    live=$(storm_p99 /health/live); rdy=$(storm_p99 /health/ready)
    curl -s --max-time 10 -o "$RAW/ready-body.json" "http://127.0.0.1:$SVC/health/ready" || true
    [ "$kind" != empty ] || curl -s --max-time 10 -o "$RAW/live-body.json" "http://127.0.0.1:$SVC/health/live" || true
  fi
  kill -0 "$SERVICE_PID" 2>/dev/null || { log "service $kind N=$n died: $(tail -2 "$RAW/service-$kind-$n-$round.log")"
    echo "- service $kind, N = $n, round $round: died during the measures; its last line: \`$(tail -1 "$RAW/service-$kind-$n-$round.log" | cut -c1-200)\`" >>"$RAW/notes"; }
  stop_pid "$SERVICE_PID"
  local floor=-
  if [ -s "$RAW/ready-body.json" ]; then floor=$(floor_p99 "$RAW/ready-body.json"); fi
  row "$round" "$n" "$kind" service "$checks" "$ready_ms" "$t0" "$t1" "$c0" "$c1" "$a" "$b" "$rss" \
    "$e_h" "$e_r" "$e_m" "$e_s" "$live" "$rdy" "$floor"
}

# The floor of a probe with this body: a bare Vert.x server (same options, one instance per core) answering the
# same bytes, under the same storm, with no checks running. Its ratio to the empty service's tells what the body's
# size alone costs.
floor_p99() {
  local logf="$RAW/floor.log"
  java "${JAVA_OPTS[@]}" -cp "$JAR:$RAW/classes" ScaleBaseline serve-body $SVC "$1" >"$logf" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  local deadline=$(( $(ms_now) + 60000 ))
  until grep -qs '^serving' "$logf"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(ms_now)" -gt "$deadline" ]; then stop_pid "$pid"; echo -; return; fi
    sleep 0.05
  done
  storm_p99 /health/ready
  stop_pid "$pid"
}

measure_baseline() {
  local kind=$1 n=$2 round=$3 checks; checks=$(checks_of "$kind" "$n")
  local w; w=$(window_for "$n")
  local logf="$RAW/base-$kind-$n-$round.log"
  T0=$(ms_now)
  local serving=()
  # tcp: the bare client also answers the storm (the empty service's /health/live body, and on /health/ready the body
  # the service's gave): the floor of a probe answered in a process doing the checks' I/O.
  if [ "$kind" = tcp ] && [ -s "$RAW/live-body.json" ]; then
    serving=("$SVC" "$RAW/live-body.json")
    [ ! -s "$RAW/ready-body.json" ] || serving+=("$RAW/ready-body.json")
  fi
  java "${JAVA_OPTS[@]}" -cp "$JAR:$RAW/classes" ScaleBaseline "$kind" "$checks" $INTERVAL_MS "$(url_of "$kind" | sed 's|^tcp://||')" "${serving[@]}" >"$logf" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  local deadline=$(( $(ms_now) + 180000 ))
  until grep -qs '^ready' "$logf"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(ms_now)" -gt "$deadline" ]; then log "baseline $kind N=$n failed: $(tail -2 "$logf")"; stop_pid "$pid"; return 0; fi
    sleep 0.05
  done
  local ready_ms=$(( $(ms_now) - T0 ))
  sleep "$SETTLE_S"
  local a b c0 c1 t0 t1
  a=$(base_runs "$logf"); t0=$(ms_now); c0=$(cpu_ticks "$pid")
  sleep "$w"
  c1=$(cpu_ticks "$pid"); t1=$(ms_now)
  sleep 1.1   # one more line printed after the window closes
  b=$(base_runs "$logf")
  local rss; rss=$(rss_kb "$pid")
  local live=- rdy=-
  if [ ${#serving[@]} -gt 0 ]; then live=$(storm_p99 /health/live); fi
  if [ ${#serving[@]} -gt 2 ]; then rdy=$(storm_p99 /health/ready); fi
  rm -f "$RAW/ready-body.json"
  stop_pid "$pid"
  row "$round" "$n" "$kind" bare "$checks" "$ready_ms" "$t0" "$t1" "$c0" "$c1" "$a" "$b" "$rss" \
    "- - -" "- - -" "- - -" "- - -" "$live" "$rdy" -
}

# The floor of memory per check: a bare client with no timers (JVM, Vert.x, one event loop), RSS after the settle.
measure_bare_idle() {
  local round=$1 logf="$RAW/base-idle-$1.log"
  java "${JAVA_OPTS[@]}" -cp "$JAR:$RAW/classes" ScaleBaseline tcp 0 $INTERVAL_MS "127.0.0.1:$TCP_PORT" >"$logf" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  local deadline=$(( $(ms_now) + 60000 ))
  until grep -qs '^ready' "$logf"; do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(ms_now)" -gt "$deadline" ]; then log "idle bare client failed: $(tail -2 "$logf")"; stop_pid "$pid"; return 0; fi
    sleep 0.05
  done
  sleep "$SETTLE_S"
  local rss; rss=$(rss_kb "$pid")
  stop_pid "$pid"
  echo "$round 0 empty bare 0 - - - - - - - $rss - - - - - - - - - - -" >>"$ROWS"
}

# The window's runs: the counter's rate between the two readings × the window; CPU over the window.
row() {
  local round=$1 n=$2 kind=$3 who=$4 checks=$5 ready=$6 t0=$7 t1=$8 c0=$9 c1=${10} a=${11} b=${12} rss=${13}
  local eh=${14} er=${15} em=${16} es=${17} live=${18} rdy=${19} floor=${20}
  local line
  line=$(awk -v r="$round" -v n="$n" -v k="$kind" -v who="$who" -v ch="$checks" -v ready="$ready" \
      -v t0="$t0" -v t1="$t1" -v c0="$c0" -v c1="$c1" -v a="$a" -v b="$b" -v hz="$HZ" -v rss="$rss" \
      -v eh="$eh" -v er="$er" -v em="$em" -v es="$es" -v live="$live" -v rdy="$rdy" -v floor="$floor" 'BEGIN {
    split(a, A, " "); split(b, B, " ")
    w = (t1 - t0) / 1000; cpu = (c1 - c0) * 1000 / hz
    dt = (B[3] - A[3]) / 1000; rate = dt > 0 ? (B[1] - A[1]) / dt : 0
    runs = rate * w; fails = dt > 0 ? (B[2] - A[2]) / dt * w : 0
    split(eh, H, " "); split(er, R, " "); split(em, M, " "); split(es, S, " ")
    printf "%s %s %s %s %s %s %.1f %.0f %.0f %.0f %s %.2f %s %s %s %s %s %s %s %s %s %s %s %s\n",
      r, n, k, who, ch, ready, w, runs, fails, cpu, (runs > 0 ? sprintf("%.0f", cpu * 1000 / runs) : "-"),
      cpu / w / 10, rss, H[1], H[2], R[1], R[2], M[1], M[2], S[1], S[2], live, rdy, floor }')
  echo "$line" >>"$ROWS"
  log "$line"
}

# ---------------------------------------------------------------- profile mode
if [ "$PROFILE" = 1 ]; then
  java -cp "$JAR:$RAW/classes" ScaleBaseline serve $TCP_PORT $HTTP_PORT >"$RAW/serve.log" 2>&1 & PIDS+=($!)
  until grep -qs serving "$RAW/serve.log"; do sleep 0.1; done
  write_config tcp "$PROFILE_N" "$RAW/config.yaml"
  JFR=$RAW/profile.jfr
  # The recording opens after the start and its first rounds (delay), for PROFILE_S seconds.
  start_service "$RAW/config.yaml" "$RAW/profile.log" \
    "-XX:StartFlightRecording=delay=20s,duration=${PROFILE_S}s,filename=$JFR,settings=profile"
  wait_http "http://127.0.0.1:$SVC/health/ready" 200 180 "$SERVICE_PID"
  ready_ms=$(( $(ms_now) - T0 ))
  sleep 20; c0=$(cpu_ticks "$SERVICE_PID"); a=$(svc_runs)
  sleep "$PROFILE_S"; c1=$(cpu_ticks "$SERVICE_PID"); b=$(svc_runs)
  sleep 3
  until [ -s "$JFR" ]; do sleep 1; done; sleep 2
  stop_pid "$SERVICE_PID"
  cpu_ms=$(( (c1 - c0) * 1000 / HZ ))
  runs=$(awk -v a="$a" -v b="$b" 'BEGIN {split(a, A, " "); split(b, B, " "); print B[1] - A[1]}')
  jfr summary "$JFR" >"$RAW/summary.txt"
  jfr print --events jdk.ExecutionSample --stack-depth 40 "$JFR" >"$RAW/exec.txt"
  jfr print --events jdk.NativeMethodSample --stack-depth 40 "$JFR" >"$RAW/native.txt"
  jfr print --events jdk.ObjectAllocationSample --stack-depth 1 "$JFR" >"$RAW/alloc.txt"
  jfr print --events jdk.GarbageCollection "$JFR" >"$RAW/gc.txt"
  {
    echo "# Profile ${SCALE_PROFILE_TAG:-after} (issue 32): $PROFILE_N tcp checks every 10 s"
    echo
    echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(java -version 2>&1 | head -1 | tr -d '"'), load average before: $LOAD_BEFORE,"
    echo "after: $(uptime | sed 's/.*load average: //'). Command: \`SCALE_PROFILE=1 bash bench/checks-scale.sh\` (commit $(git rev-parse --short HEAD))."
    echo "The service under the image's JVM options (no AppCDS archive) plus"
    echo "\`-XX:StartFlightRecording=delay=20s,duration=${PROFILE_S}s,settings=profile\`: the recording opens 20 s after the start"
    echo "(ready after ${ready_ms} ms) and lasts ${PROFILE_S} s. Over about the same ${PROFILE_S} s: ${cpu_ms} ms of process CPU for ${runs} check runs"
    echo "($(awk -v c=$cpu_ms -v r=$runs 'BEGIN {printf "%.0f", (r > 0 ? c * 1000 / r : 0)}') µs per run, $(awk -v c=$cpu_ms -v s=$PROFILE_S 'BEGIN {printf "%.1f", c / s / 10}') % of a core). Summaries by bench/checks-scale.sh (python over \`jfr print\`)."
    echo
    python3 - "$RAW" "$runs" <<'EOF'
import sys, collections, re
raw, runs = sys.argv[1], int(sys.argv[2] or 0)
def stacks(path):
    out, cur, thread, inside = [], None, None, False
    for line in open(path, encoding="utf-8", errors="replace"):
        s = line.strip()
        if s.startswith("sampledThread"):
            thread = s.split("=", 1)[1].strip()
            thread = re.sub(r'\s*\(javaThreadId.*', '', thread).strip('"')
        elif s.startswith("stackTrace = ["):
            cur, inside = [], True
        elif inside and s == "]":
            out.append((thread, cur)); inside = False
        elif inside and s != "...":
            cur.append(re.sub(r'\s+line:.*', '', s))
    return out
def table(title, rows, total, head="frame"):
    print(f"### {title}\n\n| samples | share | {head} |\n|---:|---:|---|")
    for k, v in rows:
        print(f"| {v} | {100.0 * v / total:.1f} % | `{k}` |")
    print()
ex = stacks(f"{raw}/exec.txt")
n = len(ex) or 1
print(f"**Java execution samples**: {len(ex)} (jdk.ExecutionSample, threads running Java code; time in the kernel shows as native samples below).\n")
threads = collections.Counter(re.sub(r'-\d+$', '-N', t or '?') for t, _ in ex)
table("Samples by thread", threads.most_common(8), n, "thread")
table("Hottest frames (self: top of stack)", collections.Counter(s[0] for _, s in ex if s).most_common(25), n)
incl = collections.Counter()
for _, s in ex:
    for f in set(s):
        incl[f] += 1
ours = [(k, v) for k, v in incl.most_common() if k.startswith(("io.healthservice", "io.micrometer", "io.vertx", "io.netty"))]
table("Inclusive (frame anywhere in the stack): the service's, Vert.x, Netty and Micrometer frames", ours[:30], n)
# First frame of the service's own code below the top, i.e. which of its paths the samples sit under
under = collections.Counter()
for _, s in ex:
    mine = next((f for f in s if f.startswith("io.healthservice")), None)
    under[mine or "(no io.healthservice frame: Vert.x/Netty/JDK only)"] += 1
table("Innermost io.healthservice frame of each sample", under.most_common(20), n)
na = stacks(f"{raw}/native.txt")
busy = [(t, s) for t, s in na if s and not any(x in s[0] for x in ("epollWait", "epoll_wait", "Native.epoll", "park", "accept", "sleep", "wait"))]
if na:
    print(f"**Native samples**: {len(na)} (jdk.NativeMethodSample), {len(busy)} of them outside epoll waits, sleeps and parks.\n")
    table("Native frames outside waits (top of stack)", collections.Counter(s[0] for _, s in busy).most_common(10), len(busy) or 1)
alloc = 0.0
for line in open(f"{raw}/alloc.txt", encoding="utf-8", errors="replace"):
    s = line.strip()
    if s.startswith("weight"):
        v = s.split("=", 1)[1].strip()
        num, unit = (v.split() + ["bytes"])[:2]
        mult = {"bytes": 1, "byte": 1, "kB": 1024, "MB": 1024**2, "GB": 1024**3}.get(unit, 1)
        alloc += float(num.replace(",", "")) * mult
gcs, pause = 0, 0.0
for line in open(f"{raw}/gc.txt", encoding="utf-8", errors="replace"):
    s = line.strip()
    if s.startswith("jdk.GarbageCollection"):
        gcs += 1
    elif s.startswith("sumOfPauses"):
        v = s.split("=", 1)[1].strip().split()
        pause += float(v[0]) * {"ms": 1, "s": 1000, "us": 0.001, "ns": 1e-6}.get(v[1] if len(v) > 1 else "ms", 1)
print(f"**Allocation** (jdk.ObjectAllocationSample weights, an estimate): {alloc / 1024**2:.0f} MB over the recording"
      + (f", about {alloc / runs / 1024:.1f} KB per check run" if runs else "") + f". **GC**: {gcs} collections, {pause:.0f} ms of pauses.\n")
EOF
    echo "### jfr summary (event counts)"
    echo
    echo '```'
    sed -n '1,12p' "$RAW/summary.txt"
    grep -E 'jdk\.(ExecutionSample|NativeMethodSample|ObjectAllocationSample|GarbageCollection|ThreadPark|SocketRead|SocketWrite) ' "$RAW/summary.txt" || true
    echo '```'
  } >"$OUT/checks-scale-profile-${SCALE_PROFILE_TAG:-after}.md"
  cat "$OUT/checks-scale-profile-${SCALE_PROFILE_TAG:-after}.md"
  exit 0
fi

# ---------------------------------------------------------------- the servers
java -Xmx512m -cp "$JAR:$RAW/classes" ScaleBaseline serve $TCP_PORT $HTTP_PORT >"$RAW/serve.log" 2>&1 & PIDS+=($!)
until grep -qs serving "$RAW/serve.log"; do sleep 0.1; done
case " $KINDS " in *" postgres "*) start_pg ;; esac

# ---------------------------------------------------------------- rounds
# Between rounds: a round's last rows (1,000 Postgres backends forking and exiting) load the host for a while; the
# next round's empty service and tcp rows would measure that load. Wait until the 1-minute load average is below
# the cores' count again, 90 s at most.
cool_down() {
  local deadline=$(( $(date +%s) + 90 ))
  while awk -v c="$(nproc)" '{exit !($1 >= c)}' /proc/loadavg && [ "$(date +%s)" -lt "$deadline" ]; do sleep 2; done
}

for round in $(seq 1 "$ROUNDS"); do
  [ "$round" = 1 ] || cool_down
  log "round $round of $ROUNDS: the empty service (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  measure_service empty 0 "$round"
  measure_bare_idle "$round"
  for n in $NS; do
    for kind in $KINDS; do
      log "round $round: N=$n $kind: service"
      measure_service "$kind" "$n" "$round"
      log "round $round: N=$n $kind: bare client"
      measure_baseline "$kind" "$n" "$round"
    done
  done
done
LOAD_AFTER=$(uptime | sed 's/.*load average: //')
ELAPSED=$(( $(date +%s) - START_S ))

# ---------------------------------------------------------------- report (medians of the rounds)
mkdir -p "$OUT"
cp "$ROWS" "$OUT/$NAME.rows"
python3 - "$ROWS" "$NS" "$KINDS" <<'EOF' >"$RAW/tables.md"
import sys, statistics
rows = [l.split() for l in open(sys.argv[1])]
head, rows = rows[0], rows[1:]
ns, kinds = sys.argv[2].split(), sys.argv[3].split()
def med(n, kind, who, col):
    vals = []
    for r in rows:
        d = dict(zip(head, r))
        if d["n"] == n and d["kind"] == kind and d["who"] == who and d[col] not in ("-", ""):
            try: vals.append(float(d[col]))
            except ValueError: pass
    return statistics.median(vals) if vals else None
def f(v, fmt="{:.0f}"):
    return "–" if v is None else fmt.format(v)
e_rss, e_live, e_ready = med("0", "empty", "service", "rss_kb"), med("0", "empty", "service", "live_p99"), med("0", "empty", "service", "ready_p99")
e_cpu, e_start = med("0", "empty", "service", "cpu_pct"), med("0", "empty", "service", "ready_ms")
e_floor = med("0", "empty", "service", "floor_p99")  # a bare Vert.x server alone, the empty service's body
print("### Empty service (no checks)\n")
print("| start → ready | CPU (share of a core) | RSS | /health | /metrics | /status | probe p99 /health/live | probe p99 /health/ready | bare Vert.x server, same body |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
def ep(n, k, name):
    b, s = med(n, k, "service", name + "_b"), med(n, k, "service", name + "_s")
    return "–" if b is None else f"{b / 1024:,.1f} KB, {s * 1000:,.0f} ms"
print(f"| {f(e_start)} ms | {f(e_cpu, '{:.2f}')} % | {f(e_rss and e_rss / 1024, '{:.1f}')} MB | {ep('0', 'empty', 'health')} | {ep('0', 'empty', 'metrics')} | {ep('0', 'empty', 'status')} | {f(e_live, '{:.2f}')} ms | {f(e_ready, '{:.2f}')} ms | {f(e_floor, '{:.2f}')} ms |\n")
for n in ns:
    print(f"### N = {int(n):,}\n")
    print("| kind | checks | CPU per run: service | bare client | × bare | service CPU (share of a core) | runs/s | failed runs | start → ready | RSS | RSS per check beyond empty | floor: bare client's RSS per check beyond an idle one |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in kinds:
        s, b = med(n, k, "service", "us_per_run"), med(n, k, "bare", "us_per_run")
        ch = med(n, k, "service", "checks") or med(n, k, "bare", "checks")
        runs, w = med(n, k, "service", "runs"), med(n, k, "service", "window_s")
        fails = med(n, k, "service", "failed")
        rss = med(n, k, "service", "rss_kb")
        per = (rss - e_rss) / ch if rss is not None and e_rss is not None and ch else None
        brss, idle = med(n, k, "bare", "rss_kb"), med("0", "empty", "bare", "rss_kb")
        bper = (brss - idle) / ch if brss is not None and idle is not None and ch else None
        ratio = s / b if s is not None and b else None
        print(f"| {k} | {f(ch, '{:,.0f}')} | {f(s)} µs | {f(b)} µs | {f(ratio, '{:.2f}')} | {f(med(n, k, 'service', 'cpu_pct'), '{:.1f}')} % "
              f"| {f(runs / w if runs is not None and w else None, '{:.1f}')} | {f(fails)} | {f(med(n, k, 'service', 'ready_ms'))} ms "
              f"| {f(rss and rss / 1024, '{:.1f}')} MB | {f(per, '{:.1f}')} KB | {f(bper, '{:.1f}')} KB |")
    print()
    print("| kind | /health | /health/ready | /metrics | /metrics per check | /status | probe p99 /health/live (× empty) | floor: bare client + server, same I/O (× bare server) | probe p99 /health/ready (× empty) | floor: bare Vert.x, same body (× empty) | floor: bare client + server, same I/O and body (× bare server) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for k in kinds:
        mb, ch = med(n, k, "service", "metrics_b"), med(n, k, "service", "checks")
        e_mb = med("0", "empty", "service", "metrics_b")
        per = (mb - e_mb) / ch if mb is not None and e_mb is not None and ch else None
        lv, rd = med(n, k, "service", "live_p99"), med(n, k, "service", "ready_p99")
        lvs = "–" if lv is None else f"{lv:.2f} ms ({lv / e_live:.2f})" if e_live else f"{lv:.2f} ms"
        rds = "–" if rd is None else f"{rd:.2f} ms ({rd / e_ready:.2f})" if e_ready else f"{rd:.2f} ms"
        fl = med(n, k, "service", "floor_p99")
        fls = "–" if fl is None else f"{fl:.2f} ms ({fl / e_ready:.2f})" if e_ready else f"{fl:.2f} ms"
        bl = med(n, k, "bare", "live_p99")
        bls = "–" if bl is None else f"{bl:.2f} ms ({bl / e_floor:.2f})" if e_floor else f"{bl:.2f} ms"
        br = med(n, k, "bare", "ready_p99")
        brs = "–" if br is None else f"{br:.2f} ms ({br / e_floor:.2f})" if e_floor else f"{br:.2f} ms"
        print(f"| {k} | {ep(n, k, 'health')} | {ep(n, k, 'hready')} | {ep(n, k, 'metrics')} | {f(per)} B | {ep(n, k, 'status')} | {lvs} | {bls} | {rds} | {fls} | {brs} |")
    print()
EOF
{
  echo "# Checks at scale (issue 32)"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (shared machine), $(java -version 2>&1 | head -1 | tr -d '"'), commit $(git rev-parse --short HEAD);"
  echo "load average before: $LOAD_BEFORE, after: $LOAD_AFTER; $ROUNDS round(s), $(( ELAPSED / 60 )) min."
  echo "Command: \`$COMMAND\`. Medians of the rounds; every round in [$NAME.rows]($NAME.rows)."
  echo
  [ -z "${SCALE_JAVA_EXTRA:-}" ] || echo "**Not the image's heap**: \`$SCALE_JAVA_EXTRA\` appended to the image's options, for the service and the bare client alike."
  [ -z "${SCALE_JAVA_EXTRA:-}" ] || echo
  if [ "${SCALE_CDS:-1}" = 1 ]; then
    echo "Each row: a fresh service under the image's JVM options (deploy/jvm/jvm.options, with its AppCDS archive trained as the"
    echo "image build trains it, deploy/jvm/build-cds.sh; the bare client has none) with that many"
  else
    echo "Each row: a fresh service under the image's JVM options (deploy/jvm/jvm.options, no AppCDS archive: SCALE_CDS=0) with that many"
  fi
  echo "checks of one kind (seeds disabled, \`critical: false\`: past 100 checks their first runs spread over the first interval and ready does not wait for them) every 10 s, timeout $TIMEOUT; tcp and http against a listener and an HTTP server in a"
  echo "JVM of their own (bench/ScaleBaseline.java \`serve\`), postgres (N/10 checks) against a Postgres 15 this bench initdb's"
  echo "on port $PG_PORT. **CPU per run**: the process's utime + stime over a window opened $SETTLE_S s after ready"
  echo "(20 s below 1,000 checks, else 10 s; \`SCALE_WINDOW_S\`), ÷ the runs in it (the service: the sum of"
  echo "\`health_check_duration_seconds_count\` over all checks, scraped before and after; the rate × the window). It"
  echo "includes what the process does besides runs (idle wake-ups, GC): see the empty service's CPU share. **Bare client**:"
  echo "bench/ScaleBaseline.java under the same options, the same number of timers spread evenly over 10 s on one event loop:"
  echo "tcp a connect and close (one shared NetClient); http a GET of the same URL on a kept connection (one shared HttpClient,"
  echo "a connection of its own per timer, as each http check keeps one); postgres"
  echo "\`SELECT 1\` on a held connection, replaced every sixth run as the check's pool replaces its own every 60 s (\`max_connection_age\`). Past 100 checks the"
  echo "service starts each non-critical check at a random phase of its first interval and keeps a small jitter; the bare"
  echo "client spreads its runs evenly. Both pay a wake-up per run, which costs more per run at low"
  echo "rates. See runs/s against the nominal N/10 per second."
  echo "**RSS** at the end of the window; per check: beyond the empty service's. Its floor: the bare client's RSS beyond"
  echo "that of a bare client with no timers (JVM and Vert.x only), per check: what the connection (and a kind's client"
  echo "classes) cost without the service. **Endpoints**: the second of two requests"
  echo "(curl: bytes, total time). **Probe p99**: wrk -t2 -c64 -d$STORM after 2 s of warm-up, after the window, with the"
  echo "tcp checks running (the other kinds: –). **Floor**: the same storm on a bare Vert.x server (bench/ScaleBaseline.java"
  echo "\`serve-body\`, same options, one instance per core) answering the body the service's \`/health/ready\` gave, with no"
  echo "checks running: what a body of that size costs by itself. **Floor with the I/O**: the bare tcp client also serves"
  echo "the empty service's \`/health/live\` body and, on \`/health/ready\`, the service's, under the same storm while its runs go"
  echo "on; × a bare server alone with the empty service's body."
  echo
  cat "$RAW/tables.md"
  if [ -s "$RAW/notes" ]; then echo "What did not run:"; echo; cat "$RAW/notes"; fi
} >"$OUT/$NAME.md"
cat "$OUT/$NAME.md"
