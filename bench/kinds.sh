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
# Servers for the new kinds, on spare ports, owned by this script: memcached, dnsmasq, aiosmtpd, a KRaft broker
# (the jars health-kafka's tests run it from). MongoDB is not packaged here: its row checks a closed port, so it
# shows the client loaded and torn down by failed runs, not a connected one.
SRV=18400
memcached -l 127.0.0.1 -p $SRV -U 0 -u root -m 16 >"$RAW/memcached.log" 2>&1 & PID[srv_memcached]=$!
/usr/sbin/dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --port=$((SRV + 1)) \
  --listen-address=127.0.0.1 --bind-interfaces --address=/db.test/127.0.0.7 >"$RAW/dnsmasq.log" 2>&1 & PID[srv_dns]=$!
/usr/bin/python3 -m aiosmtpd -n -l 127.0.0.1:$((SRV + 2)) >"$RAW/smtp.log" 2>&1 & PID[srv_smtp]=$!
mvn -B -q -pl health-kafka-broker generate-resources
KAFKA_CP=$(cat health-kafka-broker/target/broker.classpath)
cat >"$RAW/kafka.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$((SRV + 4))
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$((SRV + 3)),CONTROLLER://127.0.0.1:$((SRV + 4))
advertised.listeners=PLAINTEXT://127.0.0.1:$((SRV + 3))
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$RAW/kafka-data
offsets.topic.replication.factor=1
PROPS
KAFKA_JAVA=(java -Xmx256m -XX:+UseSerialGC -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory -cp "$KAFKA_CP")
"${KAFKA_JAVA[@]}" kafka.tools.StorageTool format --cluster-id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" \
  -c "$RAW/kafka.properties" >"$RAW/kafka-format.log" 2>&1
"${KAFKA_JAVA[@]}" kafka.Kafka "$RAW/kafka.properties" >"$RAW/kafka.log" 2>&1 & PID[srv_kafka]=$!
for _ in $(seq 1 60); do grep -q "Kafka Server started" "$RAW/kafka.log" && break; sleep 1; done
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
  [nats]="{type: nats, url: 'nats://127.0.0.1:4222'}"
  [memcached]="{type: memcached, url: 'memcached://127.0.0.1:$SRV'}"
  [dns]="{type: dns, url: 'dns://127.0.0.1:$((SRV + 1))/db.test?type=A'}"
  [smtp]="{type: smtp, url: 'smtp://127.0.0.1:$((SRV + 2))', interval: 5s, timeout: 2s}"
  [kafka]="{type: kafka, url: 'kafka://127.0.0.1:$((SRV + 3))'}"
  [mongodb]="{type: mongodb, url: 'mongodb://127.0.0.1:$((SRV + 9))/db'}"   # no MongoDB here: a closed port
)
ORDER=(seeds postgres redis http tcp grpc mysql rabbitmq mqtt nats memcached dns smtp kafka mongodb)
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
