#!/usr/bin/env bash
# What each behaviour the probe path keeps costs a bare Vert.x server (issue 23): bench/Baseline.java
# with nothing, with the idle timeout, with h2c on the port, with Vary, and with all three (what the service
# has), side by side under the image's options; wrk -t2 -c64, a warm-up per server, then interleaved rounds,
# medians; CPU per 1000 requests from /proc/PID/stat.
# Run:  bash bench/behaviour-costs.sh     (~5 min; writes bench/results/behaviour-costs.md)
# Knobs: COSTS_ROUNDS=7 COSTS_DURATION=5s COSTS_WARMUP=10s COSTS_OPTS=image|xmx64m COSTS_SKIP_BUILD=1
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${COSTS_ROUNDS:-7}
DURATION=${COSTS_DURATION:-5s}
WARMUP=${COSTS_WARMUP:-10s}
OUT=bench/results/behaviour-costs.md
RAW=$(mktemp -d)
VARIANTS=(${COSTS_VARIANTS:-plain idle h2c vary idle,h2c,vary})
declare -A PID PORT
cleanup() { for v in "${VARIANTS[@]}"; do [ -z "${PID[$v]:-}" ] || kill "${PID[$v]}" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$RAW"; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "behaviour-costs: wrk is missing (apt-get install wrk)" >&2; exit 2; }
[ "${COSTS_SKIP_BUILD:-0}" = 1 ] || mvn -B -q package -DskipTests -pl health-service -am
cp health-service/target/health-service.jar "$RAW/"
JAR=$RAW/health-service.jar
javac -d "$RAW/classes" -cp "$JAR" bench/Baseline.java
if [ "${COSTS_OPTS:-image}" = image ]; then
  mapfile -t JAVA_OPTS < <(grep -v -e '^#' -e '^$' -e '^-XX:SharedArchiveFile=' deploy/jvm/jvm.options)
else
  JAVA_OPTS=(-Xmx64m)
fi
port=18300
for v in "${VARIANTS[@]}"; do
  PORT[$v]=$port
  java "${JAVA_OPTS[@]}" -cp "$JAR:$RAW/classes" Baseline "$port" 178 "$v" >"$RAW/$port.log" 2>&1 &
  PID[$v]=$!
  port=$((port + 1))
done
for v in "${VARIANTS[@]}"; do
  deadline=$(( $(date +%s) + 30 ))
  until curl -s -o /dev/null "http://127.0.0.1:${PORT[$v]}/"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "behaviour-costs: $v never answered" >&2; exit 1; }
    sleep 0.1
  done
  wrk -t2 -c64 -d"$WARMUP" "http://127.0.0.1:${PORT[$v]}/" >/dev/null
done
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
HZ=$(getconf CLK_TCK)
for round in $(seq 1 "$ROUNDS"); do
  for v in "${VARIANTS[@]}"; do
    before=$(ticks "${PID[$v]}")
    out=$(wrk -t2 -c64 -d"$DURATION" --latency "http://127.0.0.1:${PORT[$v]}/")
    after=$(ticks "${PID[$v]}")
    n=$(awk '/requests in/ {print $1}' <<<"$out")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else {sub(/s$/,"",v); v*=1000}; print v}' <<<"$out")
    echo "$v $rps $(awk -v t=$((after - before)) -v hz="$HZ" -v n="$n" 'BEGIN {printf "%.2f", t * 1000 / hz / n * 1000}') $p99" >>"$RAW/rounds"
    echo "behaviour-costs: round $round $v $rps req/s"
  done
done
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
{
  echo "# What the probe path's behaviours cost a bare Vert.x server"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bash bench/behaviour-costs.sh\` on $(nproc) cores, $(java -version 2>&1 | head -1 | tr -d '"');"
  echo "bench/Baseline.java under ${COSTS_OPTS:-image}'s options (${JAVA_OPTS[*]}), every variant side by side,"
  echo "wrk -t2 -c64 -d$DURATION after a $WARMUP warm-up each, the median of $ROUNDS interleaved rounds. Load average: $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
  echo "| server | requests/s | × plain | CPU ms per 1000 requests | CPU × plain | p99 ms |"
  echo "|---|---:|---:|---:|---:|---:|"
  base_r=$(awk '$1=="plain" {print $2}' "$RAW/rounds" | median); base_c=$(awk '$1=="plain" {print $3}' "$RAW/rounds" | median)
  for v in "${VARIANTS[@]}"; do
    r=$(awk -v v="$v" '$1==v {print $2}' "$RAW/rounds" | median); c=$(awk -v v="$v" '$1==v {print $3}' "$RAW/rounds" | median)
    p=$(awk -v v="$v" '$1==v {print $4}' "$RAW/rounds" | median)
    awk -v v="$v" -v r="$r" -v br="$base_r" -v c="$c" -v bc="$base_c" -v p="$p" 'BEGIN {printf "| %s | %.0f | %.2f | %.2f | %.2f | %.2f |\n", v, r, r / br, c, c / bc, p}'
  done
  echo
  echo "plain is bench/Baseline.java; idle,h2c,vary is what the service's probe path has besides its own code."
} >"$OUT"
cat "$OUT"
