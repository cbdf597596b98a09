#!/usr/bin/env bash
# What each kind of check costs the service: RSS and threads, idle, with the seed checks (database, redis)
# alone and with one more check of each kind, side by side, under the image's JVM options (no AppCDS archive).
#   bash bench/kinds.sh        (~5 min; writes bench/results/kinds.md)
# Needs: JDK 17, Maven, curl, the local Postgres, Redis, MariaDB, RabbitMQ and Mosquitto. Knob: KINDS_SETTLE_S=120.
set -euo pipefail
cd "$(dirname "$0")/.."
SETTLE_S=${KINDS_SETTLE_S:-120}
PG_URL=${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
OUT=bench/results
RAW=$(mktemp -d)
declare -A PID=()
cleanup() { for p in "${PID[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$RAW"; }
trap cleanup EXIT

mvn -B -q package -DskipTests
JAR=health-service/target/health-service.jar
mapfile -t JAVA_OPTS < <(grep -v -e '^#' -e '^$' -e '^-XX:SharedArchiveFile=' deploy/jvm/jvm.options)

declare -A EXTRA=(
  [seeds]=""
  [postgres]="{type: postgres, url: '$PG_URL'}"
  [redis]="{type: redis, url: 'redis://127.0.0.1:6379/1'}"
  [http]="{type: http, url: 'http://127.0.0.1:PORT/health/live'}"   # itself: no other process in the row
  [tcp]="{type: tcp, url: 'tcp://127.0.0.1:5432'}"
  [grpc]="{type: grpc, url: 'grpc://127.0.0.1:18300'}"   # the seeds row: calling itself would read its own verdict
  [mysql]="{type: mysql, url: 'mysql://root@127.0.0.1:3306/mysql'}"
  [rabbitmq]="{type: rabbitmq, url: 'amqp://guest:guest@127.0.0.1:5672/%2f'}"
  [mqtt]="{type: mqtt, url: 'mqtt://127.0.0.1:1883'}"
)
ORDER=(seeds postgres redis http tcp grpc mysql rabbitmq mqtt)
port=18300
declare -A PORT=()
for kind in "${ORDER[@]}"; do
  PORT[$kind]=$port
  { echo "checks:"; [ -z "${EXTRA[$kind]}" ] || echo "  orders: ${EXTRA[$kind]//PORT/$port}"; } >"$RAW/$kind.yaml"
  env HEALTH_CONFIG="$RAW/$kind.yaml" HTTP_PORT=$port HTTP_HOST=127.0.0.1 DATABASE_URL="$PG_URL" \
    REDIS_URL=redis://127.0.0.1:6379 SHUTDOWN_DRAIN=0s java "${JAVA_OPTS[@]}" -jar "$JAR" >"$RAW/$kind.log" 2>&1 &
  PID[$kind]=$!
  port=$((port + 1))
  sleep 5   # one start at a time: they share two cores
done
echo "kinds: all started; idle for ${SETTLE_S} s"
sleep "$SETTLE_S"
for sample in 1 2 3; do   # RSS: the median of three readings 10 s apart (heap growth and GC move it by a few MB)
  for kind in "${ORDER[@]}"; do awk '/VmRSS/ {print $2}' /proc/${PID[$kind]}/status >>"$RAW/$kind.rss"; done
  [ $sample = 3 ] || sleep 10
done
{
  echo "# What each kind of check costs"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores, $(java -version 2>&1 | head -1); \`bash bench/kinds.sh\`."
  echo "Each row is one service process, idle for ${SETTLE_S} s after its start, under the image's JVM options"
  echo "(deploy/jvm/jvm.options without the AppCDS archive), checking the seeds (\`database\`, \`redis\`) and, but for"
  echo "the first row, one more check of that kind called \`orders\` every 5 s. The client library is loaded only"
  echo "when a check of its kind is configured. RSS is the median of three readings 10 s apart; between runs it moves"
  echo "by ±3 MB, so differences of that size are noise. The http check calls the process itself (/health/live), the grpc check the first row (gRPC health on its HTTP port)."
  echo
  echo "| checks | /health | RSS MB | Δ RSS vs seeds MB | threads |"
  echo "|---|---|---:|---:|---:|"
  base=""
  for kind in "${ORDER[@]}"; do
    p=${PID[$kind]}
    rss=$(sort -n "$RAW/$kind.rss" | sed -n 2p); threads=$(awk '/Threads/ {print $2}' /proc/$p/status)
    code=$(curl -s -o "$RAW/$kind.json" -w '%{http_code}' "http://127.0.0.1:${PORT[$kind]}/health" || true)
    orders=$(grep -o '"orders":"[a-z]*"' "$RAW/$kind.json" | cut -d'"' -f4 || true)
    [ -n "$base" ] || base=$rss
    label=$([ "$kind" = seeds ] && echo "seeds only" || echo "seeds + $kind")
    printf '| %s | %s%s | %.1f | %+.1f | %s |\n' "$label" "$code" "${orders:+ (orders: $orders)}" \
      "$(echo "$rss/1024" | bc -l)" "$(echo "($rss-$base)/1024" | bc -l)" "$threads"
  done
} >"$OUT/kinds.md"
cat "$OUT/kinds.md"
