#!/usr/bin/env bash
# Builds the repository's Dockerfile with podman and runs the image and docker-compose.yml for real
# (issue 30, item 5). Run from anywhere; ContainerImageIT runs it during `mvn -B verify`.
#
# No registry can be reached here, so the base images the Dockerfile and Compose name are STAND-INS
# built from Debian's packages (mmdebstrap, then apt-get): Debian's OpenJDK 17 and Maven 3.8 for
# maven:3.9-eclipse-temurin-17 and eclipse-temurin:17-jre, PostgreSQL 15 for postgres:16-alpine, Redis 7
# for redis:7-alpine. This checks the Dockerfile's logic and the service in a container, not the upstream
# base images. The podman settings come from the facts in docs/deployment.md ("The container test").
#
# Every wait has a deadline. Everything it starts (containers, networks, its podman store) lives under a
# name or directory of this run and is removed on every exit path; the shared Postgres and Redis on
# 127.0.0.1 are only connected to. The stand-in base images are kept between runs in a podman store under
# $CONTAINER_TEST_CACHE (default /var/tmp/health-service-container-test), keyed by a hash of what they are
# built from, and rebuilt when missing; the Dockerfile's Maven cache mount is kept there too.
#
# Exit status: 0 all checks passed, 1 a check failed, 77 podman cannot run on this machine (the reason is
# the line starting "SKIP:").
set -uo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
CACHE_ROOT=${CONTAINER_TEST_CACHE:-/var/tmp/health-service-container-test}
RUN_ID=hsct-$$-$RANDOM
# The one image name and tag of docs/deployment.md's `docker build -t ...`, Compose and the Deployment.
IMAGE=$(sed -n 's/^ *image: *\(health-service:[^ ]*\).*/\1/p' "$REPO/docker-compose.yml" | head -n 1)
IMAGE=${IMAGE:-health-service:0.1.0}
START=$(date +%s)

say() { echo "container-test: [$(($(date +%s) - START))s] $*"; }
fail() { say "FAIL: $*"; exit 1; }
cannot_run() { say "SKIP: podman cannot run here: $*"; exit 77; }
pass() { say "ok: $*"; }

# ---- tools ----
for tool in podman buildah mmdebstrap podman-compose curl flock sha256sum jcmd; do
  command -v "$tool" >/dev/null 2>&1 \
    || cannot_run "$tool is missing (Debian packages: openjdk-17-jdk-headless for jcmd; podman buildah runc mmdebstrap podman-compose containernetworking-plugins golang-github-containernetworking-plugin-dnsname fuse-overlayfs catatonit conmon; .ci/run installs them)"
done
[ "$(id -u)" = 0 ] || cannot_run "it runs rootful podman and this is uid $(id -u)"

WORK=$(mktemp -d /var/tmp/health-service-ct.XXXXXX)
PROJECT=$RUN_ID            # the Compose project: its containers and network carry this name
SERVICE=$RUN_ID-service    # the single-container run
COMPOSE_COPY=""
BACKGROUND=""               # stand-in builds running in the background

unmount_under() { # every mount below $1, deepest first (the overlay driver bind-mounts its home on itself)
  awk -v p="$1" '$5 == p || index($5, p "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r \
    | while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  for pid in $BACKGROUND; do # stand-in builds still running: their podman (through timeout), then the chain
    pkill -TERM -P "$pid" 2>/dev/null; kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done
  if [ -f "$WORK/run.conf" ]; then
    say "cleaning up: containers, network and podman store of this run"
    timeout 60 podman-compose -p "$PROJECT" -f "$REPO/docker-compose.yml" down >/dev/null 2>&1 || true
    timeout 60 podman rm -f -t 0 --all >/dev/null 2>&1 || true
    timeout 30 podman network rm -f "${PROJECT}_default" >/dev/null 2>&1 || true
  fi
  unmount_under "$WORK"
  rm -rf "$WORK"
  [ -z "$COMPOSE_COPY" ] || rm -f "$COMPOSE_COPY"
  say "done in $(($(date +%s) - START)) s (exit $status)"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- podman configuration (never /etc): docs/deployment.md, "The container test" ----
NOFILE=$(ulimit -Hn)
[ "$NOFILE" = unlimited ] && NOFILE=1048576
cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$NOFILE:$NOFILE", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$WORK/events.log"
tmp_dir = "$WORK/libpod-tmp"
EOF
export CONTAINERS_CONF=$WORK/containers.conf
export BUILDAH_FORMAT=docker   # the OCI format drops HEALTHCHECK
export BUILDAH_LAYERS=true

# ---- the stand-in base images ----
STANDINS=$(cat <<'EOF'
# The package lists, fetched once for every stand-in below (they are not shipped: the lists stay in this layer).
FROM localhost/debian:bookworm-slim AS apt
RUN apt-get update

# eclipse-temurin:17-jre (run stage): Debian's OpenJDK 17 JRE; the Dockerfile adds curl and the user.
FROM apt AS jre
RUN apt-get install -y --no-install-recommends openjdk-17-jre-headless

# maven:3.9-eclipse-temurin-17 (build stage): on the JRE's layer (the JRE is installed once), Debian's
# OpenJDK 17 JDK and Maven, and this machine's local CA certificates, since Maven reaches Central through
# the outbound TLS proxy.
FROM jre AS maven
COPY local-ca/ /usr/local/share/ca-certificates/
RUN apt-get install -y --no-install-recommends ca-certificates openjdk-17-jdk-headless maven && update-ca-certificates

# postgres:16-alpine: Debian's PostgreSQL 15 with the official image's contract (POSTGRES_PASSWORD,
# POSTGRES_USER, PGDATA, password auth over TCP) and pg_isready for Compose's healthcheck. No Debian
# cluster: the package's postinst would create 15/main, on port 5433 when this build runs on the host's
# network beside a Postgres on 5432, and Debian's pg_isready wrapper would then ask that port (Compose's
# healthcheck never passed). PATH starts with PostgreSQL's own binaries, as in the official image.
FROM apt AS postgres
RUN mkdir -p /etc/postgresql-common/createcluster.d \
 && echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/no-main-cluster.conf \
 && apt-get install -y --no-install-recommends postgresql-15 \
 && if [ -d /etc/postgresql/15/main ]; then pg_dropcluster 15 main; fi \
 && mkdir -p /var/lib/postgresql/data /run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /run/postgresql \
 && printf '%s\n' '#!/bin/sh' 'set -e' \
   'export PGDATA=${PGDATA:-/var/lib/postgresql/data}' \
   'if [ ! -s "$PGDATA/PG_VERSION" ]; then' \
   '  [ -n "${POSTGRES_PASSWORD:-}" ] || { echo "POSTGRES_PASSWORD is required" >&2; exit 1; }' \
   '  printf %s "$POSTGRES_PASSWORD" >/tmp/pwfile' \
   '  initdb -U "${POSTGRES_USER:-postgres}" --pwfile=/tmp/pwfile --auth-local=trust --auth-host=scram-sha-256 >/dev/null' \
   '  rm -f /tmp/pwfile' \
   '  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"' \
   'fi' \
   'exec postgres -c listen_addresses="*" "$@"' >/usr/local/bin/entrypoint \
 && chmod 755 /usr/local/bin/entrypoint
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENV PGDATA=/var/lib/postgresql/data
USER postgres
ENTRYPOINT ["/usr/local/bin/entrypoint"]

# redis:7-alpine: Debian's Redis 7, listening on every interface without protected mode, as the official image.
FROM apt AS redis
RUN apt-get install -y --no-install-recommends redis-server
USER redis
CMD ["redis-server", "--protected-mode", "no", "--save", "", "--appendonly", "no"]
EOF
)
# name in the Dockerfile / Compose  =  target above
STANDIN_TAGS="eclipse-temurin:17-jre=jre maven:3.9-eclipse-temurin-17=maven postgres:16-alpine=postgres redis:7-alpine=redis"
SOURCES=/etc/apt/sources.list.d/debian.sources
[ -f "$SOURCES" ] || SOURCES=/etc/apt/sources.list
LOCAL_CA=/usr/local/share/ca-certificates
KEY=$( { echo "$STANDINS"; echo "$STANDIN_TAGS"; cat "$SOURCES"; cat "$LOCAL_CA"/*.crt 2>/dev/null; podman --version; } \
  | sha256sum | cut -c1-16)
BASE=$CACHE_ROOT/images-$KEY
mkdir -p "$CACHE_ROOT" "$CACHE_ROOT/buildtmp"

write_storage_conf() { # file, graphroot, runroot, [additional read-only image store]
  {
    echo '[storage]'; echo 'driver = "overlay"'; echo "graphroot = \"$2\""; echo "runroot = \"$3\""
    if [ -n "${4:-}" ]; then echo '[storage.options]'; echo "additionalimagestores = [\"$4\"]"; fi
  } >"$1"
}
write_storage_conf "$WORK/base.conf" "$BASE/store" "$WORK/base-run"

exec 9>"$CACHE_ROOT/images-$KEY.lock"
flock -x -w 900 9 || fail "another run has been building the stand-in images for 15 min"
if [ -f "$BASE/ready" ]; then
  say "stand-in base images: cached in $BASE"
else
  say "stand-in base images: building them in $BASE (cache miss)"
  unmount_under "$BASE"; rm -rf "$BASE"; mkdir -p "$BASE"
  # podman itself must work here before anything is built.
  CONTAINERS_STORAGE_CONF=$WORK/base.conf timeout 60 podman info >"$WORK/info.log" 2>&1 \
    || cannot_run "podman info failed: $(tail -3 "$WORK/info.log" | tr '\n' ' ')"
  say "mmdebstrap --variant=minbase bookworm (Debian's archive, this machine's apt sources)"
  timeout -k 30 480 mmdebstrap --quiet --variant=minbase bookworm "$WORK/rootfs.tar" "$SOURCES" >"$WORK/mmdebstrap.log" 2>&1 \
    || { tail -20 "$WORK/mmdebstrap.log"; fail "mmdebstrap"; }
  CONTAINERS_STORAGE_CONF=$WORK/base.conf timeout 120 podman import -q "$WORK/rootfs.tar" localhost/debian:bookworm-slim >/dev/null \
    || fail "podman import"
  rm -f "$WORK/rootfs.tar"
  mkdir -p "$WORK/standins/local-ca"
  cp "$LOCAL_CA"/*.crt "$WORK/standins/local-ca/" 2>/dev/null || true
  echo "$STANDINS" >"$WORK/standins/Containerfile"
  standin() { # target, log file, [name]: build one target of the stand-ins' Containerfile
    CONTAINERS_STORAGE_CONF=$WORK/base.conf timeout 600 podman build -q --pull=never --network host --target "$1" \
      ${3:+-t "localhost/$3" -t "docker.io/library/$3"} -f "$WORK/standins/Containerfile" "$WORK/standins" >"$2" 2>&1 \
      || { tail -30 "$2"; say "building the stand-in ${3:-$1} failed"; return 1; }
  }
  say "stand-ins: apt-get update once"
  standin apt "$WORK/standin-apt.log" || fail "building the stand-ins' package lists"
  # Two chains at once (apt downloads overlap with dpkg): the JRE then Maven on it; Postgres then Redis.
  chain() { # log suffix, name=target pairs
    local log=$WORK/standin-$1.log pair; shift
    for pair in "$@"; do
      say "stand-in ${pair%%=*} (target ${pair#*=})"
      standin "${pair#*=}" "$log" "${pair%%=*}" || return 1
    done
  }
  set -- $STANDIN_TAGS
  chain java "$1" "$2" & java_chain=$!
  chain services "$3" "$4" & services_chain=$!
  BACKGROUND="$java_chain $services_chain"
  wait "$java_chain"; java_status=$?
  wait "$services_chain"; services_status=$?
  BACKGROUND=""
  [ "$java_status" = 0 ] && [ "$services_status" = 0 ] || fail "building the stand-in images"
  # Old keys' stores that no run is using.
  for old in "$CACHE_ROOT"/images-*.lock; do
    [ "$old" = "$CACHE_ROOT/images-$KEY.lock" ] && continue
    ( exec 8>"$old"; flock -xn 8 && { unmount_under "${old%.lock}"; rm -rf "${old%.lock}" "$old"; } ) || true
  done
  touch "$BASE/ready"
fi
flock -s 9   # readers share the store; a rebuild waits for them

# This run's store: its own, on top of the cached one (read-only); removed at exit.
write_storage_conf "$WORK/run.conf" "$WORK/store" "$WORK/run" "$BASE/store"
export CONTAINERS_STORAGE_CONF=$WORK/run.conf
timeout 60 podman info >"$WORK/info.log" 2>&1 || cannot_run "podman info failed: $(tail -3 "$WORK/info.log" | tr '\n' ' ')"

# ---- the project's image, from the Dockerfile as it is ----
say "podman build -t $IMAGE $REPO (the Dockerfile; its Maven cache mount is kept under $CACHE_ROOT)"
TMPDIR=$CACHE_ROOT/buildtmp timeout 600 podman build --pull=never --format docker -t "$IMAGE" "$REPO" >"$WORK/build.log" 2>&1 \
  || { tail -40 "$WORK/build.log"; fail "podman build of the Dockerfile"; }
grep -E '^build-cds:' "$WORK/build.log" | sed 's/^/  /'
pass "the Dockerfile builds"

# ---- the image, run against this machine's Postgres and Redis ----
free_port() { # a port nothing listens on, below the kernel's ephemeral range (32768-) that client sockets take
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 12768))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  fail "no free port"
}
status_of() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true; }
wait_for_status() { # url, expected code, seconds
  local deadline=$(($(date +%s) + $3)) code
  while :; do
    code=$(status_of "$1")
    [ "$code" = "$2" ] && return 0
    [ "$(date +%s)" -lt "$deadline" ] || { say "$1 answered ${code:-nothing}, not $2, for $3 s"; return 1; }
    sleep 0.2
  done
}
logs() { say "logs of $1:"; timeout 20 podman logs --tail 40 "$1" 2>&1 | sed 's/^/  | /'; }

PORT=$(free_port)
say "podman run $IMAGE: host network, HTTP_PORT=$PORT, DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres, REDIS_URL=redis://127.0.0.1:6379"
timeout 60 podman run -d --name "$SERVICE" --network host \
  -e HTTP_PORT="$PORT" -e DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \
  -e REDIS_URL=redis://127.0.0.1:6379 -e SHUTDOWN_DRAIN=5s "$IMAGE" >/dev/null 2>"$WORK/run.err" \
  || { cat "$WORK/run.err"; fail "podman run"; }
# (podman says on stderr that it cannot schedule the healthcheck without systemd: run by hand below.)
BASE_URL=http://127.0.0.1:$PORT
wait_for_status "$BASE_URL/health" 200 60 || { logs "$SERVICE"; fail "/health is not 200 within 60 s"; }
pass "/health 200 from the container (Postgres and Redis up)"

# The java command line of PID 1: the launcher expands @/app/jvm.options, so /proc/1/cmdline shows the
# argument file; the JVM's own view (jcmd VM.command_line from this host, as root) shows the options it got.
CMDLINE=$(timeout 20 podman exec "$SERVICE" cat /proc/1/cmdline | tr '\0' ' ')
say "PID 1: $CMDLINE"
[ "$CMDLINE" = "java @/app/jvm.options -jar /app/health-service.jar " ] || fail "PID 1 is not the Dockerfile's ENTRYPOINT"
timeout 20 podman exec "$SERVICE" cat /app/jvm.options | cmp -s - "$REPO/deploy/jvm/jvm.options" \
  || fail "/app/jvm.options in the image differs from deploy/jvm/jvm.options"
HOST_PID=$(podman inspect -f '{{.State.Pid}}' "$SERVICE")
JVM_ARGS=$(timeout 30 jcmd "$HOST_PID" VM.command_line 2>&1 | sed -n 's/^jvm_args: //p')
[ -n "$JVM_ARGS" ] || JVM_ARGS=$(timeout 30 jcmd "$HOST_PID" VM.command_line 2>&1)
say "jvm_args: $JVM_ARGS"
missing=""
while read -r option; do
  case " $JVM_ARGS " in *" $option "*) ;; *) missing="$missing $option" ;; esac
done < <(grep -v -e '^#' -e '^[[:space:]]*$' "$REPO/deploy/jvm/jvm.options")
[ -z "$missing" ] || fail "options of deploy/jvm/jvm.options missing from the running JVM:$missing"
pass "java runs with every option of deploy/jvm/jvm.options"

UIDS=$(timeout 20 podman exec "$SERVICE" sh -c 'grep -E "^(Uid|Gid):" /proc/1/status' | tr -s '\t ' ' ')
say "PID 1 $(echo $UIDS)"
echo "$UIDS" | grep -q '^Uid: 10001 10001 10001 10001' || fail "java does not run as uid 10001"
pass "the process runs as uid 10001"

# The image's HEALTHCHECK (curl /health/live). Podman does not schedule it here (no systemd): run it.
timeout 30 podman healthcheck run "$SERVICE" >"$WORK/hc.log" 2>&1 || { cat "$WORK/hc.log"; fail "HEALTHCHECK fails on a live service"; }
pass "HEALTHCHECK passes ($(podman inspect -f '{{.State.Health.Status}}' "$SERVICE"))"
# Liveness not answering at the HEALTHCHECK's address: the same image with HTTP_HOST=127.0.0.2, so the
# service is up (it answers there) but curl's http://127.0.0.1:$HTTP_PORT/health/live is refused. (A JVM
# frozen with SIGSTOP would be the other case, but podman 4.3 does not enforce the check's 10 s timeout:
# `podman healthcheck run` then hangs with curl.) Each run must fail; the status stays "starting" within
# the 10 s start period, as Docker's does.
LPORT=$(free_port)
UNREACHABLE=$RUN_ID-unreachable
timeout 60 podman run -d --name "$UNREACHABLE" --network host -e HTTP_HOST=127.0.0.2 -e HTTP_PORT="$LPORT" \
  -e DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres -e REDIS_URL=redis://127.0.0.1:6379 \
  -e SHUTDOWN_DRAIN=0s "$IMAGE" >/dev/null 2>"$WORK/run.err" || { cat "$WORK/run.err"; fail "podman run (HTTP_HOST=127.0.0.2)"; }
wait_for_status "http://127.0.0.2:$LPORT/health/live" 200 60 || { logs "$UNREACHABLE"; fail "the HTTP_HOST=127.0.0.2 service did not start"; }
code=$(status_of "http://127.0.0.1:$LPORT/health/live")
for run in 1 2 3; do
  timeout 30 podman healthcheck run "$UNREACHABLE" >"$WORK/hc.log" 2>&1; hc=$?
  [ "$hc" = 1 ] || { cat "$WORK/hc.log"; fail "HEALTHCHECK run $run did not fail while 127.0.0.1:$LPORT/health/live is refused (exit $hc)"; }
done
health=$(podman inspect -f '{{.State.Health.Status}}' "$UNREACHABLE")
say "HTTP_HOST=127.0.0.2: /health/live 200 there, '$code' at 127.0.0.1; healthcheck exit 1 three times: $(tr '\n' ' ' <"$WORK/hc.log")-> $health"
timeout 30 podman rm -f -t 0 "$UNREACHABLE" >/dev/null 2>&1
pass "HEALTHCHECK fails when /health/live does not answer at its address"

# SIGTERM: readiness 503 during the drain (SHUTDOWN_DRAIN=5s), then exit 0 before podman's 15 s SIGKILL.
wait_for_status "$BASE_URL/health/ready" 200 20 || fail "/health/ready not 200 before the stop"
stop_start=$(date +%s)
timeout 40 podman stop -t 15 "$SERVICE" >"$WORK/stop.log" 2>&1 &
stopper=$!
wait_for_status "$BASE_URL/health/ready" 503 10 || { wait $stopper; logs "$SERVICE"; fail "/health/ready did not turn 503 after SIGTERM"; }
ready_503=$(($(date +%s) - stop_start))
live=$(status_of "$BASE_URL/health/live")
wait $stopper || { cat "$WORK/stop.log"; fail "podman stop"; }
stopped_after=$(($(date +%s) - stop_start))
exit_code=$(podman inspect -f '{{.State.ExitCode}}' "$SERVICE")
say "SIGTERM: /health/ready 503 after ${ready_503} s (liveness $live meanwhile), exit $exit_code after ${stopped_after} s"
logs "$SERVICE"
[ "$exit_code" = 0 ] || fail "exit code $exit_code after SIGTERM, not 0"
[ "$stopped_after" -lt 15 ] || fail "the service took ${stopped_after} s to stop: podman's SIGKILL came first"
pass "SIGTERM: readiness 503 during the drain, exit 0 within the stop timeout"
timeout 30 podman rm -f "$SERVICE" >/dev/null 2>&1

# ---- docker-compose.yml with podman-compose ----
# podman-compose 1.0.3 passes `${VAR:-}` through literally: a second file sets the LLM variables empty,
# as Compose would (no LLM check). It ignores depends_on conditions and stop_grace_period, and `down`
# stops with `-t 1` and leaves the project's network: the steps below do those parts themselves.
cat >"$WORK/compose.override.yml" <<'YAML'
services:
  health-service:
    environment:
      LLM_API_URL: ""
      LLM_API_KEY: ""
YAML
COMPOSE_FILE=$REPO/docker-compose.yml
HOST_PORT=8000
if (exec 3<>/dev/tcp/127.0.0.1/8000) 2>/dev/null; then
  # Something else on this shared machine has port 8000: the same file with only the published port changed.
  HOST_PORT=$(free_port)
  COMPOSE_COPY=$REPO/.container-test-$RUN_ID.yml   # beside the original: `build: .` stays the repository
  sed "s/\"8000:8000\"/\"$HOST_PORT:8000\"/" "$COMPOSE_FILE" >"$COMPOSE_COPY"
  COMPOSE_FILE=$COMPOSE_COPY
  say "port 8000 is taken on this machine: publishing the service on $HOST_PORT instead"
fi
COMPOSE=(podman-compose -p "$PROJECT" -f "$COMPOSE_FILE" -f "$WORK/compose.override.yml")
say "podman-compose -p $PROJECT up -d (the image built above is Compose's $IMAGE)"
timeout 180 "${COMPOSE[@]}" up -d >"$WORK/compose.log" 2>&1 || { tail -30 "$WORK/compose.log"; fail "podman-compose up"; }
container_of() { podman ps -a -q --filter "label=io.podman.compose.project=$PROJECT" --filter "label=com.docker.compose.service=$1"; }
for svc in postgres redis health-service; do
  id=$(container_of "$svc")
  [ -n "$id" ] || { tail -30 "$WORK/compose.log"; fail "Compose started no $svc container"; }
  deadline=$(($(date +%s) + 90))
  until timeout 30 podman healthcheck run "$id" >"$WORK/hc.log" 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { cat "$WORK/hc.log"; logs "$id"; fail "Compose's $svc not healthy within 90 s"; }
    sleep 1
  done
  pass "Compose's $svc healthy ($(podman inspect -f '{{.State.Health.Status}}' "$id"))"
done
body=$(curl -s -m 5 "http://127.0.0.1:$HOST_PORT/health")
say "GET http://127.0.0.1:$HOST_PORT/health: $body"
[ "$(status_of "http://127.0.0.1:$HOST_PORT/health")" = 200 ] || fail "the published /health is not 200"
case "$body" in *'"database":"ok"'*'"redis":"ok"'*|*'"redis":"ok"'*'"database":"ok"'*) ;;
  *) fail "the published /health does not report database and redis ok" ;; esac
pass "the service is healthy beside Compose's Postgres and Redis (published /health 200, database and redis ok)"
# stop_grace_period: 15s, which podman-compose ignores: stop the service as Compose would, then down.
service_id=$(container_of health-service)
stop_start=$(date +%s)
timeout 40 podman stop -t 15 "$service_id" >"$WORK/stop.log" 2>&1 || { cat "$WORK/stop.log"; fail "stopping Compose's service"; }
stopped_after=$(($(date +%s) - stop_start))
exit_code=$(podman inspect -f '{{.State.ExitCode}}' "$service_id")
say "Compose's service: exit $exit_code after ${stopped_after} s of podman stop -t 15"
[ "$exit_code" = 0 ] || { logs "$service_id"; fail "Compose's service did not exit 0"; }
[ "$stopped_after" -lt 15 ] || fail "Compose's service took ${stopped_after} s to stop: podman's SIGKILL came first"
pass "Compose's service stops with exit 0 within its stop_grace_period (podman stop -t 15)"
timeout 120 "${COMPOSE[@]}" down >>"$WORK/compose.log" 2>&1 || { tail -30 "$WORK/compose.log"; fail "podman-compose down"; }
left=$(podman ps -a -q --filter "label=io.podman.compose.project=$PROJECT")
[ -z "$left" ] || fail "containers left after down: $left"
if podman network exists "${PROJECT}_default"; then
  say "podman-compose 1.0.3 left network ${PROJECT}_default behind (known gap): podman network rm -f"
  timeout 30 podman network rm -f "${PROJECT}_default" >/dev/null || fail "removing the network"
fi
[ -z "$(podman ps -a -q)" ] && [ -z "$(podman volume ls -q)" ] && ! podman network exists "${PROJECT}_default" \
  || fail "something is left after down: $(podman ps -a --format '{{.Names}}') $(podman volume ls -q)"
pass "podman-compose down: no container, volume or network left"

say "PASS: the Dockerfile's logic and the service in a container (on stand-in base images built from Debian's packages, not the upstream base images)"
