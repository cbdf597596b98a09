#!/usr/bin/env bash
# Probe-storm benchmark: the service against a plain Vert.x baseline in the same run.
#   bash bench/run.sh            (BENCH_DURATION=10s BENCH_CONNECTIONS=64 BENCH_ROUNDS=3 BENCH_WARMUP=30s by default; ~15 min)
# Needs: JDK 17, Maven, wrk (Debian: apt-get install wrk), the local Postgres and Redis, psql, redis-cli.
# Writes bench/results/latest.md (and latest.png when gnuplot is installed).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
PG_URL=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
REDIS_HOST=127.0.0.1 REDIS_PORT=6379
SVC=18000 BASE=18001 LLM=18002 HANG=18003 FULL=18004
OUT=bench/results
RAW=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$RAW"; }
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "bench: wrk is missing; installing Debian's package (or run: apt-get install wrk)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null
fi

echo "bench: building the jar"
mvn -B -q package -DskipTests
JAR=health-service/target/health-service.jar
# Compiled, not run as a source file: source mode runs javac inside the measured JVM (its heap, its JIT profiles).
javac -d "$RAW/classes" -cp "$JAR" bench/Baseline.java
# The container image's JVM options (one file, read by the Dockerfile too), for the service and the
# baseline alike; without the AppCDS archive, which only the image build and bench/footprint.sh make.
mapfile -t JAVA_OPTS < <(grep -v -e '^#' -e '^$' -e '^-XX:SharedArchiveFile=' deploy/jvm/jvm.options)

ms_now() { date +%s%3N; }
wait_http() { # url, expected status, timeout seconds
  local deadline=$(( $(ms_now) + $3 * 1000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)" = "$2" ]; do
    [ "$(ms_now)" -lt "$deadline" ] || { echo "bench: $1 never answered $2" >&2; return 1; }
    sleep 0.01
  done
}

start_service() { # log name, extra env...
  local log=$1; shift
  env HTTP_PORT=$SVC HTTP_HOST=127.0.0.1 DATABASE_URL="$PG_URL" REDIS_URL="redis://$REDIS_HOST:$REDIS_PORT" \
    LLM_API_URL="http://127.0.0.1:$LLM" LLM_API_KEY=sk-bench SHUTDOWN_DRAIN=0s "$@" \
    java "${JAVA_OPTS[@]}" -jar "$JAR" >"$RAW/$log.log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=("$SERVICE_PID")
}
stop_service() { kill "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true; }

# wrk → "rps p50 p99 max non2xx" in requests/s and ms
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }   # utime + stime of a process, in clock ticks
HZ=$(getconf CLK_TCK)
measure() { # name, url[, server pid]: one round; the row is the median round so far (by requests/s)
  local before=0 pid=${3:-}
  [ -z "$pid" ] || before=$(cpu_ticks "$pid")
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2" >"$RAW/$1.wrk"
  local cpu_ms=-1 total
  total=$(awk '/requests in/ {print $1}' "$RAW/$1.wrk")
  [ -z "$pid" ] || cpu_ms=$(awk -v t=$(( $(cpu_ticks "$pid") - before )) -v hz="$HZ" -v n="$total" 'BEGIN {printf "%.1f", t * 1000 / hz / n * 1000}')
  cat "$RAW/$1.wrk" >>"$RAW/$1.wrk.all"
  local rps p50 p99 max non2xx
  rps=$(awk '/^Requests\/sec/ {print $2}' "$RAW/$1.wrk")
  p50=$(awk '$1=="50%" {print $2}' "$RAW/$1.wrk" | to_ms)
  p99=$(awk '$1=="99%" {print $2}' "$RAW/$1.wrk" | to_ms)
  max=$(awk '$1=="Latency" {print $4; exit}' "$RAW/$1.wrk" | to_ms)
  non2xx=$(awk '/Non-2xx/ {print $5}' "$RAW/$1.wrk"); non2xx=${non2xx:-0}
  echo "$1 $rps $p50 $p99 $max $non2xx $total $cpu_ms" >>"$RAW/$1.rounds"
  # The median round, not the best: on a shared 2-core machine the best is the luckiest.
  sed -i "/^$1 /d" "$RAW/rows" 2>/dev/null || true
  sort -k2,2n "$RAW/$1.rounds" | awk '{r[NR] = $0} END {print r[int((NR + 1) / 2)]}' >>"$RAW/rows"
  printf 'bench: %-22s %10s req/s  p50 %7s ms  p99 %7s ms  max %8s ms  non-2xx %s  cpu/1k %s ms\n' "$1" "$rps" "$p50" "$p99" "$max" "$non2xx" "$cpu_ms"
}

pg_xacts() { psql "$PG_URL" -Atc "select xact_commit + xact_rollback from pg_stat_database where datname = current_database()"; }
redis_cmds() { redis-cli -h $REDIS_HOST -p $REDIS_PORT info stats | awk -F: '/^total_commands_processed/ {print $2+0}'; }

echo "bench: starting the LLM stand-in, the baseline and a hanging server"
java -cp "$JAR" bench/LlmStandIn.java $LLM >"$RAW/llm.log" 2>&1 & PIDS+=($!)
java "${JAVA_OPTS[@]}" -cp "$JAR" bench/Hang.java $HANG >"$RAW/hang.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$LLM/v1/models" 200 30

# ---- healthy dependencies ----
t0=$(ms_now)
start_service healthy
wait_http "http://127.0.0.1:$SVC/health/ready" 200 30
first_ready_ms=$(( $(ms_now) - t0 ))
echo "bench: first 200 from /health/ready ${first_ready_ms} ms after process start"
BODY_BYTES=$(curl -s "http://127.0.0.1:$SVC/health" | wc -c)
java "${JAVA_OPTS[@]}" -cp "$JAR:$RAW/classes" Baseline $BASE "$BODY_BYTES" >"$RAW/baseline.log" 2>&1 & BASE_PID=$!; PIDS+=($BASE_PID)
wait_http "http://127.0.0.1:$BASE/" 200 30

WARMUP=${BENCH_WARMUP:-30s}   # C1 settles within seconds; C2 (the plain -Xmx64m set) needs tens of seconds
echo "bench: warming up ($WARMUP per server)"
for url in "http://127.0.0.1:$SVC/health" "http://127.0.0.1:$BASE/"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null; done

# An idle backend flushes its statistics within 10 s (PGSTAT_IDLE_INTERVAL): wait for that on both sides.
sleep 11
xacts_before=$(pg_xacts); cmds_before=$(redis_cmds); window_start=$(ms_now)
ROUNDS=${BENCH_ROUNDS:-3}
for round in $(seq 1 "$ROUNDS"); do
  echo "bench: round $round of $ROUNDS"
  measure baseline "http://127.0.0.1:$BASE/" $BASE_PID
  measure health "http://127.0.0.1:$SVC/health" $SERVICE_PID
  measure health_ready "http://127.0.0.1:$SVC/health/ready" $SERVICE_PID
  measure health_live "http://127.0.0.1:$SVC/health/live" $SERVICE_PID
done
window_ms=$(( $(ms_now) - window_start ))
rss_kb=$(ps -o rss= -p "$SERVICE_PID" | tr -d ' ')
stop_service   # its backend flushes its statistics when the connection closes
sleep 11
xacts_after=$(pg_xacts); cmds_after=$(redis_cmds)

# ---- one dependency hanging: accepts and never answers ----
for dep in postgres redis; do
  if [ $dep = postgres ]; then start_service "hang-$dep" DATABASE_URL="postgresql://postgres@127.0.0.1:$HANG/postgres"
  else start_service "hang-$dep" REDIS_URL="redis://127.0.0.1:$HANG"; fi
  wait_http "http://127.0.0.1:$SVC/health" 503 30   # the first run timed out (2 s)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "http://127.0.0.1:$SVC/health" >/dev/null
  measure "health_${dep}_hanging" "http://127.0.0.1:$SVC/health"
  stop_service
done

# ---- the same probes under a plain `java -Xmx64m -jar` (tiered compilation, G1), both servers alike ----
kill "$BASE_PID"
IMAGE_OPTS=("${JAVA_OPTS[@]}")
JAVA_OPTS=(-Xmx64m)
start_service plain64
wait_http "http://127.0.0.1:$SVC/health/ready" 200 30
java "${JAVA_OPTS[@]}" -cp "$JAR:$RAW/classes" Baseline $BASE "$BODY_BYTES" >"$RAW/baseline64.log" 2>&1 & BASE_PID=$!; PIDS+=($BASE_PID)
wait_http "http://127.0.0.1:$BASE/" 200 30
for url in "http://127.0.0.1:$SVC/health" "http://127.0.0.1:$BASE/"; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null; done
for round in $(seq 1 "$ROUNDS"); do
  measure baseline_xmx64m "http://127.0.0.1:$BASE/" $BASE_PID
  measure health_xmx64m "http://127.0.0.1:$SVC/health" $SERVICE_PID
  measure health_ready_xmx64m "http://127.0.0.1:$SVC/health/ready" $SERVICE_PID
  measure health_live_xmx64m "http://127.0.0.1:$SVC/health/live" $SERVICE_PID
done
stop_service; kill "$BASE_PID"
JAVA_OPTS=("${IMAGE_OPTS[@]}")

# ---- allocation per probe beyond a bare server (a count: ProbeAllocationTest, 3 rounds of 20k requests) ----
mvn -B -q -pl health-core test -Dtest=ProbeAllocationTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null 2>&1 || true
alloc_of() { grep -ho "$1 allocation beyond a bare server, bytes per request: .*" health-core/target/surefire-reports/*ProbeAllocationTest-output.txt 2>/dev/null | cut -d: -f2 || echo " ?"; }
ALLOC=$(alloc_of probe); ROUTER_ALLOC=$(alloc_of router)

# ---- status views (issue 12): rendered per view from memory, no I/O ----
# bench/FullHistory.java serves the library's routes over 24 h of simulated history (the largest page);
# the fresh service's /status is measured too. Rows appear in the table beside the probes.
java "${JAVA_OPTS[@]}" -cp "$JAR" bench/FullHistory.java $FULL >"$RAW/full.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$FULL/status" 200 60
STATUS_BYTES=$(curl -s "http://127.0.0.1:$FULL/status" | wc -c); HISTORY_BYTES=$(curl -s "http://127.0.0.1:$FULL/health/history" | wc -c)
# What a full day costs in heap: the history's own objects (buckets, transitions), by class histogram.
HISTORY_KB=$(jcmd "${PIDS[-1]}" GC.class_histogram 2>/dev/null | awk '/io\.healthservice\.((impl\.)?history\.|status\.impl\.(HealthHistory|CheckRecorder|CheckHistory|MinuteBucket|Tier|TierRecorder|Transition|HistorySnapshot))/ {n += $3} END {print int(n / 1024)}')
for url in status health/history badge/redis.svg; do wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "http://127.0.0.1:$FULL/$url" >/dev/null; done
measure status_24h "http://127.0.0.1:$FULL/status"
measure health_history_24h "http://127.0.0.1:$FULL/health/history"
measure badge_24h "http://127.0.0.1:$FULL/badge/redis.svg"
kill "${PIDS[-1]}"
start_service status
wait_http "http://127.0.0.1:$SVC/health/ready" 200 30
wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "http://127.0.0.1:$SVC/status" >/dev/null
measure status_fresh "http://127.0.0.1:$SVC/status"
stop_service

# ---- report ----
# All requests sent during the window, every round included.
requests=$(cat "$RAW"/health.wrk.all "$RAW"/health_ready.wrk.all "$RAW"/health_live.wrk.all 2>/dev/null | awk '/requests in/ {n += $1} END {print n}')
xacts=$(( xacts_after - xacts_before - 1 ))   # minus the psql query that read the counter
cmds=$(( cmds_after - cmds_before - 1 ))      # minus the INFO that read the counter
checks_bound=$(( (window_ms + 22000) / 5000 + 2 ))  # one run per 5 s interval, over the window and the two waits
base_rps=$(awk '$1=="baseline" {print $2}' "$RAW/rows"); base_p99=$(awk '$1=="baseline" {print $4}' "$RAW/rows")
health_p99=$(awk '$1=="health" {print $4}' "$RAW/rows")
{
  echo "# Benchmark: probe storm"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1 | tr -d '"'),"
  echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION on loopback after a $WARMUP warm-up per server, the median of $ROUNDS interleaved rounds"
  echo "(baseline, health, ready, live, baseline, ...); Postgres and Redis local. Rows without a suffix: both servers under the"
  echo "image's options (${JAVA_OPTS[*]}); rows \`_xmx64m\`: both under a plain \`java -Xmx64m\`."
  echo "The baseline is a plain Vert.x server answering a fixed JSON body of the same size ($BODY_BYTES bytes) with no I/O"
  echo "(bench/Baseline.java, compiled: one server and one event loop per core, pre-encoded header values)."
  echo "CPU per 1k requests: the server process's user + system time over the round ÷ its requests (-1: not measured)."
  echo
  echo "| endpoint | requests/s | × baseline | p50 ms | p99 ms | p99 × baseline | max ms | non-2xx | CPU ms per 1k | CPU × baseline |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  while read -r name rps p50 p99 max non2xx total cpu; do
    base=baseline; case $name in *_xmx64m) base=baseline_xmx64m ;; esac
    read -r br bp bc < <(awk -v b=$base '$1==b {print $2, $4, $8}' "$RAW/rows")
    awk -v n="$name" -v r="$rps" -v br="$br" -v a="$p50" -v b="$p99" -v bp="$bp" -v m="$max" -v x="$non2xx" -v c="${cpu:--1}" -v bc="${bc:--1}" \
      'BEGIN {printf "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %.1f | %s | %s | %s |\n", n, r, r/br, a, b, (bp>0?b/bp:0), m, x, c, (c>0&&bc>0?sprintf("%.2f", c/bc):"")}'
  done <"$RAW/rows"
  echo
  echo "| measure | value | target |"
  echo "|---|---|---|"
  echo "| Postgres transactions from just before to just after the healthy runs ($requests requests in $(( window_ms / 1000 )) s) | $xacts ($(awk -v a=$xacts -v r=$requests 'BEGIN {printf "%.6f", a/r}') per request) | ≤ $checks_bound (one per 5 s interval) |"
  echo "| Redis commands during the healthy runs | $cmds ($(awk -v a=$cmds -v r=$requests 'BEGIN {printf "%.6f", a/r}') per request) | ≤ $(( checks_bound * 2 )) (PING and INFO per 5 s interval) |"
  echo "| /health p99 with Postgres hanging ÷ healthy p99 | $(awk -v h=$health_p99 '$1=="health_postgres_hanging" {printf "%.2f", $4/h}' "$RAW/rows") | ≤ 2 |"
  echo "| /health p99 with Redis hanging ÷ healthy p99 | $(awk -v h=$health_p99 '$1=="health_redis_hanging" {printf "%.2f", $4/h}' "$RAW/rows") | ≤ 2 |"
  echo "| process start → first 200 from /health/ready | ${first_ready_ms} ms | ≤ 1000 ms |"
  echo "| bytes allocated per plain /health beyond a bare Vert.x server (ProbeAllocationTest, 3 rounds of 20k; the median counts) |${ALLOC} | ≤ 256 |"
  echo "| the same through the router instead of the fast path (the measure's own check: it must see the routing context) |${ROUTER_ALLOC} | > 256 |"
  echo "| RSS after the healthy runs (-Xmx64m) | $(( rss_kb / 1024 )) MB | ≤ 120 MB |"
  echo "| /status and /health/history bodies with 24 h of history (3 checks) | $STATUS_BYTES and $HISTORY_BYTES bytes | (informational) |"
  echo "| history objects after 24 h, 3 checks (jcmd GC.class_histogram; the buckets' long[] arrays add ≈ 5 KB per check) | ${HISTORY_KB:-?} KB | ≤ 450 KB |"
} >"$OUT/latest.md"
cp "$RAW/rows" "$OUT/latest.rows"
if command -v gnuplot >/dev/null; then
  gnuplot -e "set terminal png noenhanced size 900,400; set output '$OUT/latest.png'; set style data histograms;
    set style fill solid; set yrange [0:*]; set ylabel 'requests/s'; set xtics rotate by -20;
    set title 'Probe storm: requests/s at $CONNECTIONS connections (baseline = plain Vert.x, no I/O)';
    plot '$OUT/latest.rows' using 2:xtic(1) notitle" || true
fi
echo
cat "$OUT/latest.md"
