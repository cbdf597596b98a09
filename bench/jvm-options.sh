#!/usr/bin/env bash
# JVM options of the image, re-chosen with numbers (issue 23): every candidate set below runs the
# image's line, `java @jvm.options -jar health-service.jar` from a directory holding the options, the jar
# and the AppCDS archive deploy/jvm/build-cds.sh wrote with those same options (as the Dockerfile does).
# For each candidate: time to first ready (median of 5 starts, one JVM at a time, candidates interleaved);
# idle CPU and RSS (all candidates side by side for 10 minutes: CPU over minutes 1 to 6, RSS at 1 and 10
# minutes); then a probe storm (wrk -t2 -c64) on the service's /health and on a plain Vert.x server
# (bench/Baseline.java, a fixed body of /health's size, compiled once, run under the same options without
# the archive, which is built for the service's class path): a warm-up, then interleaved rounds over every
# candidate and both servers, medians; CPU per 1000 requests from /proc/PID/stat; RSS after the storm.
# Run:  bash bench/jvm-options.sh     (~25 min; writes bench/results/jvm-options.md)
# Needs: JDK 17, Maven, curl, wrk, jcmd, the local Postgres and Redis. Knobs (for a quick try):
#   JVMOPT_STARTS=5 JVMOPT_SETTLE_S=60 JVMOPT_CPU_S=300 JVMOPT_IDLE_S=600 JVMOPT_WARMUP=20s
#   JVMOPT_ROUNDS=3 JVMOPT_DURATION=10s JVMOPT_AFTER_S=15 JVMOPT_ONLY="today tiered" (a subset)
#   JVMOPT_OUT=bench/results/jvm-options.md JVMOPT_SKIP_BUILD=1 (reuse the jar in target/)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

STARTS=${JVMOPT_STARTS:-5}
SETTLE_S=${JVMOPT_SETTLE_S:-60}
CPU_S=${JVMOPT_CPU_S:-300}
IDLE_S=${JVMOPT_IDLE_S:-600}
WARMUP=${JVMOPT_WARMUP:-20s}
ROUNDS=${JVMOPT_ROUNDS:-3}
DURATION=${JVMOPT_DURATION:-10s}
PG_URL=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379}
AFTER_S=${JVMOPT_AFTER_S:-15}          # RSS after the storm is read this long after the last round
OUT=${JVMOPT_OUT:-bench/results/jvm-options.md}
RAW=$(mktemp -d)
HZ=$(getconf CLK_TCK)

# ---- the candidates: full option lines (no option here contains a space) ----
# today: the image's set before issue 23. Each other one changes what its name says: trim = glibc's free
# memory handed back every 10 s (JDK 17.0.9+), g1 = G1 for Serial, tiered = C2 on (no TieredStopAtLevel=1)
# with a 32 MB code cache and two compiler threads, c2only = C2 without tiers (-TieredCompilation: the
# interpreter profiles, one compiler thread, no C1 code and no tier-3 profiled copies), 48m/96m = the heap's maximum.
KEEP='-Xss512k -XX:-UsePerfData -XX:+UnlockDiagnosticVMOptions -XX:AsyncDeflationInterval=10000 -XX:GuaranteedSafepointInterval=10000 -Dio.netty.jfr.enabled=false -XX:+ExitOnOutOfMemoryError -XX:SharedArchiveFile=health-service.jsa'
SERIAL='-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+UseSerialGC'
G1='-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:+UseG1GC'
C1='-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m'
TIERED='-XX:ReservedCodeCacheSize=32m -XX:CICompilerCount=2'
TRIM='-XX:TrimNativeHeapInterval=10000'
C2ONLY='-XX:-TieredCompilation -XX:ReservedCodeCacheSize=32m -XX:CICompilerCount=1'
declare -A OPTS=(
  [today]="-Xms8m -Xmx64m $SERIAL $C1 $KEEP"
  [today-trim]="-Xms8m -Xmx64m $SERIAL $C1 $TRIM $KEEP"
  [g1]="-Xms8m -Xmx64m $G1 $C1 $KEEP"
  [tiered]="-Xms8m -Xmx64m $SERIAL $TIERED $KEEP"
  [tiered-trim]="-Xms8m -Xmx64m $SERIAL $TIERED $TRIM $KEEP"
  [tiered-trim-g1]="-Xms8m -Xmx64m $G1 $TIERED $TRIM $KEEP"
  [tiered-trim-48m]="-Xms8m -Xmx48m $SERIAL $TIERED $TRIM $KEEP"
  [tiered-trim-96m]="-Xms8m -Xmx96m $SERIAL $TIERED $TRIM $KEEP"
  [c2only]="-Xms8m -Xmx64m $SERIAL $C2ONLY $KEEP"
  [c2only-trim]="-Xms8m -Xmx64m $SERIAL $C2ONLY $TRIM $KEEP"
  [c2only-trim-48m]="-Xms8m -Xmx48m $SERIAL $C2ONLY $TRIM $KEEP"
)
ALL=(today today-trim g1 tiered tiered-trim tiered-trim-g1 tiered-trim-48m tiered-trim-96m c2only c2only-trim c2only-trim-48m)
read -r -a CANDS <<<"${JVMOPT_ONLY:-${ALL[*]}}"
for c in "${CANDS[@]}"; do [ -n "${OPTS[$c]:-}" ] || { echo "jvm-options: no candidate $c (known: ${ALL[*]})" >&2; exit 2; }; done
# The shipped file, for the table's marker: its options without comments, on one line.
SHIPPED=$(grep -v -e '^#' -e '^$' deploy/jvm/jvm.options | tr '\n' ' ' | sed 's/ $//')

declare -A SPORT=() BPORT=()
i=0
for c in "${CANDS[@]}"; do SPORT[$c]=$(( 18400 + i )); BPORT[$c]=$(( 18420 + i )); i=$(( i + 1 )); done
LLM=18440 CDS_PORT=18449
declare -A PID=()

log() { echo "jvm-options: $*"; }
ms_now() { date +%s%3N; }

stop() { # key: SIGTERM, then SIGKILL after 10 s
  local p=${PID[$1]:-}
  [ -n "$p" ] || return 0
  kill "$p" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  unset "PID[$1]"
}
cleanup() { for k in "${!PID[@]}"; do stop "$k"; done; rm -rf "$RAW"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v wrk >/dev/null; then
  log "wrk is missing; installing Debian's package (or run: apt-get install wrk)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null
fi
for tool in wrk curl mvn java javac jcmd; do
  command -v $tool >/dev/null || { echo "jvm-options: $tool is missing" >&2; exit 2; }
done
for port in "${SPORT[@]}" "${BPORT[@]}" $LLM $CDS_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "jvm-options: port $port is taken (another run?); stop that first" >&2; exit 1
  fi
done

if [ "${JVMOPT_SKIP_BUILD:-0}" != 1 ]; then
  log "building the jar"
  mvn -B -q package -DskipTests -pl health-service -am
fi
# A copy: a build during the run must not change the jar under running JVMs.
cp health-service/target/health-service.jar "$RAW/"
JAR=$RAW/health-service.jar
mkdir -p "$RAW/classes"
javac -d "$RAW/classes" -cp "$JAR" bench/Baseline.java bench/LlmStandIn.java

# One image-like directory per candidate: options, jar, and the archive built with those options.
for c in "${CANDS[@]}"; do
  mkdir -p "$RAW/$c"
  tr ' ' '\n' <<<"${OPTS[$c]}" >"$RAW/$c/jvm.options"
  grep -v '^-XX:SharedArchiveFile=' "$RAW/$c/jvm.options" >"$RAW/$c/baseline.options"
  cp "$JAR" "$RAW/$c/"
  log "building the AppCDS archive for $c"
  (cd "$RAW/$c" && sh "$ROOT/deploy/jvm/build-cds.sh" jvm.options "$RAW/$c/health-service.jar" $CDS_PORT)
done

# The LLM stand-in, as bench/run.sh has it: /health then carries the three checks it carries there.
(exec java -Xmx32m -XX:TieredStopAtLevel=1 -cp "$JAR:$RAW/classes" LlmStandIn $LLM >"$RAW/llm.log" 2>&1) &
PID[llm]=$!
until curl -s -o /dev/null "http://127.0.0.1:$LLM/v1/models"; do sleep 0.1; done

launch() { # candidate: starts its service in the background, PID[candidate]
  local c=$1
  (cd "$RAW/$c" && exec env HTTP_PORT="${SPORT[$c]}" HTTP_HOST=127.0.0.1 DATABASE_URL="$PG_URL" REDIS_URL="$REDIS_URL" \
    LLM_API_URL="http://127.0.0.1:$LLM" LLM_API_KEY=sk-bench SHUTDOWN_DRAIN=0s \
    java @jvm.options -jar "$RAW/$c/health-service.jar" >>"$RAW/$c/service.log" 2>&1) &
  PID[$c]=$!
}
launch_baseline() { # candidate: the plain server under the same options, PID[base:candidate]
  local c=$1
  (cd "$RAW/$c" && exec java @baseline.options -cp "$JAR:$RAW/classes" Baseline "${BPORT[$c]}" "$BODY_BYTES" \
    >>"$RAW/$c/baseline.log" 2>&1) &
  PID[base:$c]=$!
}

wait_ready() { # candidate t0_ms timeout_ms → ms since t0 when /health/ready first answers 200
  local c=$1 t0=$2 deadline=$(( $2 + $3 ))
  until [ "$(curl -s -m 1 -o /dev/null -w '%{http_code}' "http://127.0.0.1:${SPORT[$c]}/health/ready" || true)" = 200 ]; do
    if [ "$(ms_now)" -ge "$deadline" ] || ! kill -0 "${PID[$c]}" 2>/dev/null; then
      echo "jvm-options: $c never answered 200 on /health/ready; its log:" >&2; tail -20 "$RAW/$c/service.log" >&2
      return 1
    fi
    sleep 0.01
  done
  echo $(( $(ms_now) - t0 ))
}

rss_mb() { awk '$1=="VmRSS:" {printf "%.1f", $2/1024}' "/proc/${PID[$1]}/status"; }
cpu_ticks() { sed 's/.*) //' "/proc/${PID[$1]}/stat" | awk '{print $12 + $13}'; }   # utime + stime
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { tr ' ' '\n' | grep . | sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "–" hi}'; }
sleep_until() { # epoch ms; checks every second that everything still runs
  while [ "$(ms_now)" -lt "$1" ]; do
    for k in "${!PID[@]}"; do
      kill -0 "${PID[$k]}" 2>/dev/null || { echo "jvm-options: $k died" >&2; exit 1; }
    done
    sleep 1
  done
}

# ---- 1. time to first ready: one JVM at a time, candidates interleaved ----
LOAD_START=$(load)
log "load average before the starts: $LOAD_START"
declare -A STARTMS=()
for i in $(seq "$STARTS"); do
  for c in "${CANDS[@]}"; do
    t0=$(ms_now); launch "$c"
    ms=$(wait_ready "$c" "$t0" 30000)
    STARTMS[$c]="${STARTMS[$c]:-} $ms"
    log "start $i/$STARTS $c: first 200 from /health/ready after $ms ms"
    if [ "$i" = 1 ] && [ -z "${BODY_BYTES:-}" ]; then BODY_BYTES=$(curl -s "http://127.0.0.1:${SPORT[$c]}/health" | wc -c); fi
    stop "$c"
  done
done

# ---- 2. idle, all candidates side by side ----
log "idle phase: ${#CANDS[@]} services side by side for $(( IDLE_S / 60 )) min (CPU over ${SETTLE_S}–$(( SETTLE_S + CPU_S )) s)"
LOAD_IDLE_START=$(load)
for c in "${CANDS[@]}"; do launch "$c"; done
t0=$(ms_now)
for c in "${CANDS[@]}"; do wait_ready "$c" "$t0" 60000 >/dev/null; done
ready=$(ms_now)
sleep_until $(( ready + SETTLE_S * 1000 ))
declare -A CPU0=() RSS1=() RSS10=() RSSS=() CPU=() CODE=() FULLCC=()
for c in "${CANDS[@]}"; do CPU0[$c]=$(cpu_ticks "$c"); RSS1[$c]=$(rss_mb "$c"); done
cpu_from=$(ms_now)
sleep_until $(( cpu_from + CPU_S * 1000 ))
cpu_ms=$(( $(ms_now) - cpu_from ))
for c in "${CANDS[@]}"; do
  CPU[$c]=$(awk -v d=$(( $(cpu_ticks "$c") - CPU0[$c] )) -v hz="$HZ" -v ms=$cpu_ms 'BEGIN {printf "%.3f", 100 * d / hz / (ms / 1000)}')
done
LOAD_IDLE_END=$(load)
sleep_until $(( ready + IDLE_S * 1000 ))
for c in "${CANDS[@]}"; do RSS10[$c]=$(rss_mb "$c"); done
log "RSS after $(( IDLE_S / 60 )) min idle: $(for c in "${CANDS[@]}"; do printf '%s %s MB  ' "$c" "${RSS10[$c]}"; done)"

# ---- 3. storm: warm-up each server, then interleaved rounds over every candidate and both servers ----
for c in "${CANDS[@]}"; do launch_baseline "$c"; done
for c in "${CANDS[@]}"; do
  until curl -s -o /dev/null "http://127.0.0.1:${BPORT[$c]}/"; do
    kill -0 "${PID[base:$c]}" 2>/dev/null || { echo "jvm-options: baseline $c died" >&2; cat "$RAW/$c/baseline.log" >&2; exit 1; }
    sleep 0.05
  done
done
LOAD_STORM_START=$(load)
for c in "${CANDS[@]}"; do
  log "warm-up $c: wrk -t2 -c64 -d$WARMUP on /health, then on the baseline"
  timeout 300 wrk -t2 -c64 -d"$WARMUP" "http://127.0.0.1:${SPORT[$c]}/health" >/dev/null
  timeout 300 wrk -t2 -c64 -d"$WARMUP" "http://127.0.0.1:${BPORT[$c]}/" >/dev/null
done
declare -A RPS=() K1=() NON2XX=()
round() { # key url: one wrk round; appends req/s and CPU ms per 1000 requests
  local key=$1 url=$2 before after reqs
  before=$(cpu_ticks "$key")
  timeout 300 wrk -t2 -c64 -d"$DURATION" "$url" >"$RAW/round.wrk"
  after=$(cpu_ticks "$key")
  reqs=$(awk '/requests in/ {print $1}' "$RAW/round.wrk")
  RPS[$key]="${RPS[$key]:-} $(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$RAW/round.wrk")"
  K1[$key]="${K1[$key]:-} $(awk -v d=$(( after - before )) -v hz="$HZ" -v n="$reqs" 'BEGIN {printf "%.2f", 1000 * d / hz * 1000 / n}')"
  NON2XX[$key]=$(( ${NON2XX[$key]:-0} + $(awk '/Non-2xx/ {n=$5} END {print n+0}' "$RAW/round.wrk") ))
}
for r in $(seq "$ROUNDS"); do
  for c in "${CANDS[@]}"; do
    round "$c" "http://127.0.0.1:${SPORT[$c]}/health"
    round "base:$c" "http://127.0.0.1:${BPORT[$c]}/"
    log "round $r/$ROUNDS $c: /health ${RPS[$c]##* } req/s, baseline ${RPS[base:$c]##* } req/s"
  done
done
LOAD_END=$(load)
sleep_until $(( $(ms_now) + AFTER_S * 1000 ))
for c in "${CANDS[@]}"; do
  RSSS[$c]=$(rss_mb "$c")
  CODE[$c]=$(timeout 20 jcmd "${PID[$c]}" Compiler.codecache 2>/dev/null | awk -F'[ =]' '/^CodeCache:/ {for (i=1;i<=NF;i++) if ($i=="max_used") {sub(/Kb/,"",$(i+1)); printf "%.1f", $(i+1)/1024}}' || true)
  FULLCC[$c]=$(grep -c 'CodeCache is full' "$RAW/$c/service.log" || true)
done
for k in "${!PID[@]}"; do stop "$k"; done

# ---- report ----
declare -A MED=() HRPS=() BRPS=()
for c in "${CANDS[@]}"; do
  MED[$c]=$(echo "${STARTMS[$c]}" | median)
  HRPS[$c]=$(echo "${RPS[$c]}" | median); BRPS[$c]=$(echo "${RPS[base:$c]}" | median)
done
best= bestrps=0
for c in "${CANDS[@]}"; do
  if awk -v a="${RSS10[$c]}" -v b="${RSSS[$c]}" -v u="${CPU[$c]}" 'BEGIN {exit !(a <= 80 && b <= 80 && u <= 0.2)}' \
     && [ "${HRPS[$c]}" -gt "$bestrps" ]; then best=$c bestrps=${HRPS[$c]}; fi
done
{
  echo "# JVM options of the image, measured"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bash bench/jvm-options.sh\` on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(java -version 2>&1 | head -1 | tr -d '"'); Postgres, Redis and an LLM stand-in local, default check intervals (5 s)."
  echo "Every candidate runs the image's line \`java @jvm.options -jar health-service.jar\` from a directory with its own"
  echo "AppCDS archive, written by deploy/jvm/build-cds.sh with that candidate's options (as the Dockerfile does)."
  echo "Load average (1/5/15 min): before the starts $LOAD_START; idle window $LOAD_IDLE_START → $LOAD_IDLE_END;"
  echo "storm $LOAD_STORM_START → $LOAD_END (a shared machine: compare rows of one run, not runs)."
  echo
  echo "| candidate | first 200 from /health/ready, median of $STARTS (range) | idle CPU, % of a core | RSS 1 min | RSS $(( IDLE_S / 60 )) min idle | RSS after storm | /health req/s | baseline req/s | /health ÷ baseline | CPU ms per 1000 req, /health / baseline | code cache max used | RSS ≤ 80 MB, CPU ≤ 0.2 % |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  for c in "${CANDS[@]}"; do
    mark=$c; [ "${OPTS[$c]}" != "$SHIPPED" ] || mark="**$c** (shipped)"
    ok=$(awk -v a="${RSS10[$c]}" -v b="${RSSS[$c]}" -v u="${CPU[$c]}" 'BEGIN {print (a <= 80 && b <= 80 && u <= 0.2) ? "yes" : "no"}')
    cc=${CODE[$c]:-?}; [ "${FULLCC[$c]:-0}" = 0 ] || cc="$cc MB, FULL"
    echo "| $mark | ${MED[$c]} ms ($(echo "${STARTMS[$c]}" | spread)) | ${CPU[$c]} | ${RSS1[$c]} MB | ${RSS10[$c]} MB | ${RSSS[$c]} MB | ${HRPS[$c]} ($(echo "${RPS[$c]}" | spread)) | ${BRPS[$c]} ($(echo "${RPS[base:$c]}" | spread)) | $(awk -v a="${HRPS[$c]}" -v b="${BRPS[$c]}" 'BEGIN {printf "%.2f", a / b}') | $(echo "${K1[$c]}" | median) / $(echo "${K1[base:$c]}" | median) | ${cc} MB | $ok |"
  done
  echo
  echo "Best /health throughput within RSS ≤ 80 MB (10 min idle and after the storm) and idle CPU ≤ 0.2 %: **${best:-none}**."
  echo
  echo "How: first ready is from process start to the first 200 from /health/ready, one JVM at a time, candidates"
  echo "interleaved. Idle: all candidates side by side; idle CPU is user + system time from /proc/PID/stat over ${CPU_S} s"
  echo "from ${SETTLE_S} s after the first ready on; RSS is VmRSS. Storm: wrk -t2 -c64 on loopback, a $WARMUP warm-up per"
  echo "server, then $ROUNDS rounds of $DURATION over every candidate and both servers in turn; req/s are medians (range); CPU"
  echo "per 1000 requests is the server process's user + system time over a round ÷ its requests (median); RSS after the"
  echo "storm is read ${AFTER_S} s after the last round; code cache is jcmd Compiler.codecache max_used then."
  echo "/health is the service with Postgres, Redis and the LLM stand-in up (body $BODY_BYTES bytes); non-2xx answers:"
  echo "$(for c in "${CANDS[@]}"; do printf '%s %s; ' "$c" "${NON2XX[$c]:-0}"; done)"
  echo "The baseline is bench/Baseline.java (compiled once) with the candidate's options minus the archive, a fixed body"
  echo "of the same size. The stand-in runs at -Xmx32m -XX:TieredStopAtLevel=1 (it is not measured)."
  echo
  echo "Option lines (each also the jvm.options file of its run, one option a line):"
  echo
  for c in "${CANDS[@]}"; do echo "- $c: \`${OPTS[$c]}\`"; done
} >"$OUT"
echo
cat "$OUT"
