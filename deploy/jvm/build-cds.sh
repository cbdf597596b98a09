#!/bin/sh
# Writes the AppCDS archive named in jvm.options (health-service.jsa) into the current directory, the
# way the image build does: run the service once with the image's options, send it the requests probes
# send, stop it with SIGTERM; the JVM writes the classes it loaded at exit (JDK 13+: ArchiveClassesAtExit).
# Run the service later from the same directory with the same jar path.
#   sh build-cds.sh /app/jvm.options /app/health-service.jar [port]
# Dependencies may be down: a check that fails loads the failure paths, which is what a start sees too.
set -eu
OPTIONS=$1 JAR=$2 PORT=${3:-18999}
JAVA=${JAVA:-java}
# JDK 24+ instead: jvm.options may name an AOT cache (-XX:AOTCache=...), trained the same way (JDK 25's
# one-step -XX:AOTCacheOutput). The image ships JDK 17 with AppCDS; README "Footprint" has both measured.
ARCHIVE=$(sed -n 's/^-XX:SharedArchiveFile=//p' "$OPTIONS")
KEY='^-XX:SharedArchiveFile=' DUMP=-XX:ArchiveClassesAtExit
if [ -z "$ARCHIVE" ]; then
  ARCHIVE=$(sed -n 's/^-XX:AOTCache=//p' "$OPTIONS")
  KEY='^-XX:AOTCache=' DUMP=-XX:AOTCacheOutput
fi
[ -n "$ARCHIVE" ] || { echo "build-cds: no -XX:SharedArchiveFile (or -XX:AOTCache) in $OPTIONS" >&2; exit 2; }
rm -f "$ARCHIVE"
# Same options minus the archive it is about to write (a dynamic archive cannot be read while dumped).
grep -v "$KEY" "$OPTIONS" >dump.options
HTTP_PORT=$PORT HTTP_HOST=127.0.0.1 SHUTDOWN_DRAIN=0s \
  "$JAVA" @dump.options "$DUMP=$ARCHIVE" -Xlog:cds=error -jar "$JAR" >build-cds.log 2>&1 &
pid=$!
tries=0
until curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live"; do
  tries=$((tries + 1))
  if [ $tries -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
    echo "build-cds: the service did not answer within 60 s" >&2; cat build-cds.log >&2; kill $pid 2>/dev/null; exit 1
  fi
  sleep 0.1
done
# The first results (up or down), then every route a probe or a scrape takes.
sleep 3
for path in /health /health/ready /health/live /health/started /health/database /health/redis /health/checks /metrics; do
  curl -s -o /dev/null -m 5 "http://127.0.0.1:$PORT$path" || true
done
kill -TERM $pid
tries=0
while kill -0 $pid 2>/dev/null; do
  tries=$((tries + 1))
  [ $tries -le 300 ] || { echo "build-cds: the service did not stop within 30 s" >&2; kill -KILL $pid; exit 1; }
  sleep 0.1
done
rm -f dump.options
[ -s "$ARCHIVE" ] || { echo "build-cds: no archive written" >&2; cat build-cds.log >&2; exit 1; }
rm -f build-cds.log
echo "build-cds: wrote $ARCHIVE ($(wc -c <"$ARCHIVE") bytes)"
