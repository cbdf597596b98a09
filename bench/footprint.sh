#!/usr/bin/env bash
# Footprint benchmark (issue 14): idle CPU, RSS, threads and start time, for
#   plain     java -jar health-service.jar                         (the README's command, no options)
#   image     java @jvm.options -jar health-service.jar            (deploy/jvm/jvm.options + the AppCDS archive
#                                                                   built by deploy/jvm/build-cds.sh, as the Dockerfile does)
#   embedded  health-example's ChatApplication (Postgres and Redis checks in the application's verticle)
#   bare      the same application without the health library (BareChatApplication)
#   bareopts  the bare application with the image's options (no archive): what Vert.x and vertx-web
#             alone cost the JVM with those options, the floor under the image row
#   image25   the image's options on JDK 25 with its AOT cache instead of AppCDS (not what ships: the
#             comparison behind the image's JDK choice; skipped, and said so, when no JDK 25 is found)
# Run:  bash bench/footprint.sh        (~13 min; writes bench/results/footprint.md, quoted in README "Footprint")
# Order: build; 5 timed starts per configuration, one at a time; then all four idle side by side for
# 10 minutes (CPU over minutes 1 to 6, RSS at 1, 6 and 10 minutes); then a probe storm on each in turn.
# Needs: JDK 17, Maven, curl, wrk, the local Postgres and Redis. Knobs (for a quick try, not for the README):
#   FOOTPRINT_STARTS=5 FOOTPRINT_SETTLE_S=60 FOOTPRINT_CPU_S=300 FOOTPRINT_IDLE_S=600 FOOTPRINT_STORM=10s
#   FOOTPRINT_SKIP_BUILD=1 (reuse the jars in target/)  FOOTPRINT_JDK25=/path/to/jdk-25 (default: Temurin's package)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

STARTS=${FOOTPRINT_STARTS:-5}
SETTLE_S=${FOOTPRINT_SETTLE_S:-60}     # JIT and first check runs settle before the CPU window opens
CPU_S=${FOOTPRINT_CPU_S:-300}
IDLE_S=${FOOTPRINT_IDLE_S:-600}        # RSS "after 10 minutes idle" is read at this many seconds after ready
STORM=${FOOTPRINT_STORM:-10s}
PG_URL=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379}
CONFIGS=(plain image embedded bare bareopts)
JDK25=${FOOTPRINT_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -x "$JDK25/bin/java" ]; then CONFIGS+=(image25); else JDK25=; fi
declare -A PORT=([plain]=18210 [image]=18211 [embedded]=18212 [bare]=18213 [image25]=18214 [bareopts]=18215)
OUT=bench/results
RAW=$(mktemp -d)
declare -A PID=()
HZ=$(getconf CLK_TCK)

log() { echo "footprint: $*"; }
ms_now() { date +%s%3N; }

stop() { # name: SIGTERM, then SIGKILL after 10 s; never waits longer
  local p=${PID[$1]:-}
  [ -n "$p" ] || return 0
  kill "$p" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
  unset "PID[$1]"
}
cleanup() { for n in "${!PID[@]}"; do stop "$n"; done; rm -rf "$RAW"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v wrk >/dev/null; then
  log "wrk is missing; installing Debian's package (or run: apt-get install wrk)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends wrk >/dev/null
fi
for tool in wrk curl mvn java; do
  command -v $tool >/dev/null || { echo "footprint: $tool is missing (Debian: apt-get install $tool)" >&2; exit 2; }
done

for port in "${PORT[@]}" 18219; do   # 18219: build-cds.sh's run
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "footprint: port $port is taken (another run?); stop that first" >&2; exit 1
  fi
done

if [ "${FOOTPRINT_SKIP_BUILD:-0}" != 1 ]; then
  log "building the jars"
  mvn -B -q package -DskipTests -pl health-service,health-example -am
fi
# Copies: a build during the run (another bench, a test) must not change the jars under running JVMs.
cp health-service/target/health-service.jar health-example/target/health-example-0.1.0.jar "$RAW/"
JAR=$RAW/health-service.jar
EXAMPLE=$RAW/health-example-0.1.0.jar
# The example needs Vert.x, its clients and health-core: the service's fat jar has them all. The bare
# run loads no class of the library (checked below with -verbose:class), so the jar on the path costs nothing.
EXAMPLE_CP=$JAR:$EXAMPLE

# The image's layout: options, jar and archive side by side in one directory, the archive built there.
IMG=$RAW/image
mkdir -p "$IMG"
cp deploy/jvm/jvm.options "$JAR" "$IMG/"
log "building the AppCDS archive as the image build does"
(cd "$IMG" && sh "$ROOT/deploy/jvm/build-cds.sh" jvm.options "$IMG/health-service.jar" 18219)
grep -v '^-XX:SharedArchiveFile=' deploy/jvm/jvm.options >"$RAW/noarchive.options"
IMG25=$RAW/image25
if [ -n "$JDK25" ]; then
  log "building the JDK 25 AOT cache the same way ($JDK25)"
  mkdir -p "$IMG25"
  cp "$JAR" "$IMG25/"
  sed 's/^-XX:SharedArchiveFile=.*/-XX:AOTCache=health-service.aot/' deploy/jvm/jvm.options >"$IMG25/jvm.options"
  (cd "$IMG25" && JAVA="$JDK25/bin/java" sh "$ROOT/deploy/jvm/build-cds.sh" jvm.options "$IMG25/health-service.jar" 18219)
else
  log "no JDK 25 at ${FOOTPRINT_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}: the image25 row is left out"
fi

launch() { # name [extra java options...]: starts it in the background, PID[name]
  local name=$1; shift
  local port=${PORT[$name]} dir=$RAW
  local -a cmd
  case $name in
    plain) cmd=(java "$@" -jar "$JAR") ;;
    image) dir=$IMG; cmd=(java @jvm.options "$@" -jar "$IMG/health-service.jar") ;;
    image25) dir=$IMG25; cmd=("$JDK25/bin/java" @jvm.options "$@" -jar "$IMG25/health-service.jar") ;;
    embedded) cmd=(java "$@" -cp "$EXAMPLE_CP" io.healthservice.example.ChatApplication "$port" "$PG_URL" "$REDIS_URL") ;;
    bare) cmd=(java "$@" -cp "$EXAMPLE_CP" io.healthservice.example.BareChatApplication "$port") ;;
    bareopts) cmd=(java @"$RAW/noarchive.options" "$@" -cp "$EXAMPLE_CP" io.healthservice.example.BareChatApplication "$port") ;;
  esac
  (cd "$dir" && exec env HTTP_PORT="$port" HTTP_HOST=127.0.0.1 DATABASE_URL="$PG_URL" REDIS_URL="$REDIS_URL" \
    SHUTDOWN_DRAIN=0s "${cmd[@]}" >>"$RAW/$name.log" 2>&1) &
  PID[$name]=$!
}

wait_ready() { # name timeout_ms → prints ms since $2's start when /health/ready first answers 200
  local name=$1 t0=$2 deadline=$(( $2 + $3 ))
  until [ "$(curl -s -m 1 -o /dev/null -w '%{http_code}' "http://127.0.0.1:${PORT[$name]}/health/ready" || true)" = 200 ]; do
    if [ "$(ms_now)" -ge "$deadline" ] || ! kill -0 "${PID[$name]}" 2>/dev/null; then
      echo "footprint: $name never answered 200 on /health/ready; its log:" >&2; tail -20 "$RAW/$name.log" >&2
      return 1
    fi
    sleep 0.01
  done
  echo $(( $(ms_now) - t0 ))
}

status_kb() { awk -v k="$2:" '$1==k {print $2}' "/proc/${PID[$1]}/status"; }
rss_mb() { awk -v kb="$(status_kb "$1" VmRSS)" 'BEGIN {printf "%.1f", kb/1024}'; }
threads() { status_kb "$1" Threads; }
cpu_ticks() { sed 's/.*) //' "/proc/${PID[$1]}/stat" | awk '{print $12 + $13}'; }   # utime + stime, whole process
thread_ns() { # name → "comm ns" per live thread (schedstat: ns on CPU), event-loop numbers folded into one name
  local t
  for t in /proc/"${PID[$1]}"/task/*; do
    printf '%s %s\n' "$(tr ' ' '_' <"$t/comm" 2>/dev/null)" "$(awk '{print $1}' "$t/schedstat" 2>/dev/null)"
  done 2>/dev/null | awk 'NF==2 {s[$1]+=$2} END {for (n in s) print n, s[n]}'
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

sleep_until() { # epoch ms; checks every second that everything still runs
  while [ "$(ms_now)" -lt "$1" ]; do
    for n in "${!PID[@]}"; do
      kill -0 "${PID[$n]}" 2>/dev/null || { echo "footprint: $n died; its log:" >&2; tail -20 "$RAW/$n.log" >&2; exit 1; }
    done
    sleep 1
  done
}

# ---- 1. start time: one configuration at a time, so the starts do not compete with each other ----
LOAD_START=$(load)
log "load average before the starts: $LOAD_START"
declare -A STARTMS=()
for i in $(seq "$STARTS"); do
  for n in "${CONFIGS[@]}"; do      # interleaved, so a burst of load elsewhere hits every configuration
    t0=$(ms_now); launch "$n"
    ms=$(wait_ready "$n" "$t0" 30000)
    STARTMS[$n]="${STARTMS[$n]:-} $ms"
    log "start $i/$STARTS $n: first 200 from /health/ready after $ms ms"
    stop "$n"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { tr ' ' '\n' | grep . | sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "–" hi}'; }

# The bare application must not load the library, or the comparison says nothing.
: >"$RAW/bare.log"; launch bare -verbose:class; t0=$(ms_now); wait_ready bare "$t0" 30000 >/dev/null
LIB_CLASSES_BARE=$(grep 'io\.healthservice\.' "$RAW/bare.log" | grep -vc 'io\.healthservice\.example\.BareChatApplication' || true)
stop bare

# ---- 2. idle side by side, then a storm on each in turn ----
log "idle phase: all ${#CONFIGS[@]} side by side for $(( IDLE_S / 60 )) min (CPU over ${SETTLE_S}–$(( SETTLE_S + CPU_S )) s)"
LOAD_IDLE_START=$(load)
for n in "${CONFIGS[@]}"; do launch "$n"; done
t0=$(ms_now)
for n in "${CONFIGS[@]}"; do wait_ready "$n" "$t0" 60000 >/dev/null; done
ready=$(ms_now)
sleep_until $(( ready + SETTLE_S * 1000 ))
declare -A CPU0=() RSS1=() RSS5=() RSS10=() RSSS=() THR=() THRS=() CPU=() RPS=() TOP=()
for n in "${CONFIGS[@]}"; do CPU0[$n]=$(cpu_ticks "$n"); RSS1[$n]=$(rss_mb "$n"); thread_ns "$n" >"$RAW/$n.t0"; done
cpu_from=$(ms_now)
sleep_until $(( cpu_from + CPU_S * 1000 ))
cpu_ms=$(( $(ms_now) - cpu_from ))
for n in "${CONFIGS[@]}"; do
  CPU[$n]=$(awk -v d=$(( $(cpu_ticks "$n") - CPU0[$n] )) -v hz="$HZ" -v ms=$cpu_ms 'BEGIN {printf "%.3f", 100 * d / hz / (ms / 1000)}')
  thread_ns "$n" >"$RAW/$n.t1"
  # The threads that used the CPU in the window: the profile the closing note speaks from.
  TOP[$n]=$(join <(sort "$RAW/$n.t0") <(sort "$RAW/$n.t1") | awk -v ms=$cpu_ms '{d=($3-$2)/1e6; if (d >= 1) printf "%s %.0f\n", $1, d}' \
    | sort -k2 -rn | head -6 | awk '{printf "%s%s %s ms", (NR>1?", ":""), $1, $2}')
  RSS5[$n]=$(rss_mb "$n")
done
LOAD_IDLE_END=$(load)
sleep_until $(( ready + IDLE_S * 1000 ))
for n in "${CONFIGS[@]}"; do RSS10[$n]=$(rss_mb "$n"); THR[$n]=$(threads "$n"); done

log "probe storm: wrk -t2 -c64 -d$STORM on /health/ready of each in turn"
for n in "${CONFIGS[@]}"; do
  url="http://127.0.0.1:${PORT[$n]}/health/ready"
  timeout 120 wrk -t2 -c64 -d3s "$url" >/dev/null
  timeout 120 wrk -t2 -c64 -d"$STORM" "$url" >"$RAW/$n.wrk"
  RPS[$n]=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' "$RAW/$n.wrk")
  RSSS[$n]=$(rss_mb "$n"); THRS[$n]=$(threads "$n")
  log "$n: ${RPS[$n]} req/s, RSS ${RSSS[$n]} MB after the storm"
done
LOAD_END=$(load)
for n in "${CONFIGS[@]}"; do stop "$n"; done

# ---- report ----
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf (b > 0 ? "%.2f" : "–"), (b > 0 ? a / b : 0)}'; }
check() { awk -v v="$1" -v t="$2" 'BEGIN {print (v <= t ? "met" : sprintf("missed by %.2f×", v / t))}'; }
declare -A MED=()
for n in "${CONFIGS[@]}"; do MED[$n]=$(echo "${STARTMS[$n]}" | median); done
{
  echo "# Footprint"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bash bench/footprint.sh\` on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(java -version 2>&1 | head -1 | tr -d '"'); Postgres and Redis local, default check intervals (5 s), no LLM endpoint."
  echo "Load average (1/5/15 min) before the starts $LOAD_START, idle window $LOAD_IDLE_START → $LOAD_IDLE_END, after the storm $LOAD_END"
  echo "(other work on the machine: compare rows of one run, not runs)."
  echo
  echo "| configuration | first 200 from /health/ready, median of $STARTS (range) | idle CPU, % of a core | RSS 1 min | RSS $(( (SETTLE_S + CPU_S) / 60 )) min | RSS $(( IDLE_S / 60 )) min idle | RSS after storm | threads idle / after storm | storm req/s |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for n in "${CONFIGS[@]}"; do
    echo "| $n | ${MED[$n]} ms ($(echo "${STARTMS[$n]}" | spread)) | ${CPU[$n]} | ${RSS1[$n]} MB | ${RSS5[$n]} MB | ${RSS10[$n]} MB | ${RSSS[$n]} MB | ${THR[$n]} / ${THRS[$n]} | ${RPS[$n]} |"
  done
  echo
  echo "Idle CPU is the process's user + system time over ${CPU_S} s, from ${SETTLE_S} s after the first ready on;"
  echo "RSS is VmRSS; the storm is wrk -t2 -c64 -d$STORM on /health/ready after a 3 s warm-up."
  echo "Commands: plain \`java -jar health-service.jar\`; image \`java @jvm.options -jar health-service.jar\` with"
  echo "deploy/jvm/jvm.options and the archive deploy/jvm/build-cds.sh wrote; embedded/bare \`java -cp ... ChatApplication\`"
  echo "/ \`BareChatApplication\` with no options (library classes the bare run loaded: $LIB_CLASSES_BARE)."
  echo "bareopts: \`BareChatApplication\` with deploy/jvm/jvm.options minus the archive (which is built for the service)."
  [ -z "$JDK25" ] || echo "image25: the image's options and run line on $("$JDK25/bin/java" -version 2>&1 | head -1 | tr -d '"'), with the AOT cache build-cds.sh trains instead of the archive (not shipped)."
  [ -n "$JDK25" ] || echo "image25: left out, no JDK 25 found."
  echo
  echo "| ratio | value |"
  echo "|---|---:|"
  echo "| image ÷ plain: first ready | $(ratio "${MED[image]}" "${MED[plain]}") |"
  echo "| image ÷ plain: idle CPU | $(ratio "${CPU[image]}" "${CPU[plain]}") |"
  echo "| image ÷ plain: RSS after 10 min | $(ratio "${RSS10[image]}" "${RSS10[plain]}") |"
  echo "| embedded ÷ bare (what the library costs the application): idle CPU | $(ratio "${CPU[embedded]}" "${CPU[bare]}") |"
  echo "| embedded ÷ bare: RSS after 10 min | $(ratio "${RSS10[embedded]}" "${RSS10[bare]}") |"
  echo "| embedded ÷ bare: first ready | $(ratio "${MED[embedded]}" "${MED[bare]}") |"
  echo "| image − bareopts (what the service adds to Vert.x and vertx-web under the image's options): RSS after 10 min | $(awk -v a="${RSS10[image]}" -v b="${RSS10[bareopts]}" 'BEGIN {printf "%.1f MB", a - b}') |"
  if [ -n "$JDK25" ]; then
    echo "| image25 ÷ image (JDK 25 + AOT cache against JDK 17 + AppCDS): first ready | $(ratio "${MED[image25]}" "${MED[image]}") |"
    echo "| image25 ÷ image: idle CPU | $(ratio "${CPU[image25]}" "${CPU[image]}") |"
    echo "| image25 ÷ image: RSS after 10 min | $(ratio "${RSS10[image25]}" "${RSS10[image]}") |"
  fi
  echo
  echo "| target | measured | |"
  echo "|---|---:|---|"
  echo "| idle CPU ≤ 0.2 % of a core (image) | ${CPU[image]} % | $(check "${CPU[image]}" 0.2) |"
  echo "| idle CPU ≤ 0.2 % of a core (plain) | ${CPU[plain]} % | $(check "${CPU[plain]}" 0.2) |"
  echo "| RSS ≤ 64 MB after 10 min idle (image) | ${RSS10[image]} MB | $(check "${RSS10[image]}" 64) |"
  echo "| RSS ≤ 64 MB after the storm (image) | ${RSSS[image]} MB | $(check "${RSSS[image]}" 64) |"
  echo "| RSS ≤ 90 MB after 10 min idle (plain) | ${RSS10[plain]} MB | $(check "${RSS10[plain]}" 90) |"
  echo "| RSS ≤ 90 MB after the storm (plain) | ${RSSS[plain]} MB | $(check "${RSSS[plain]}" 90) |"
  echo "| no growth: RSS at 10 min ÷ at 1 min (image / plain) | $(ratio "${RSS10[image]}" "${RSS1[image]}") / $(ratio "${RSS10[plain]}" "${RSS1[plain]}") | |"
  echo "| first ready ≤ 400 ms (image) | ${MED[image]} ms | $(check "${MED[image]}" 400) |"
  [ -z "$JDK25" ] || echo "| (not shipped) image25: first ready ≤ 400 ms / RSS ≤ 64 MB after 10 min | ${MED[image25]} ms / ${RSS10[image25]} MB | $(check "${MED[image25]}" 400) / $(check "${RSS10[image25]}" 64) |"
  echo
  echo "Threads that used the CPU in the idle window (ms over ${CPU_S} s; schedstat, event loops summed):"
  echo
  for n in "${CONFIGS[@]}"; do echo "- $n: ${TOP[$n]:-none above 1 ms}"; done
} >"$OUT/footprint.md"
echo
cat "$OUT/footprint.md"
