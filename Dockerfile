# syntax=docker/dockerfile:1

# ---- build: the README's Maven command, for the service module and the libraries it is built on ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Every module, as one layer (.dockerignore leaves out build output, Git and test tooling): the reactor
# reads every pom even for -pl. A COPY per module made more layers than podman's overlay storage can
# mount for one step (its mount options fill a page).
COPY . .
# A cache mount instead of dependency:go-offline, which cannot resolve a module's sibling before it is built.
RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests -pl health-service -am

# ---- run: a JRE, a non-root user, curl for the HEALTHCHECK ----
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin health
WORKDIR /app
COPY --from=build /src/health-service/target/health-service.jar /app/health-service.jar
COPY conf/config.yaml /app/conf/config.yaml
# The JVM options live in one file, which bench/footprint.sh runs too (why each: README "Footprint").
COPY deploy/jvm/jvm.options deploy/jvm/build-cds.sh /app/
# AppCDS: run the service once (its dependencies are absent here: the failure paths load too) and keep
# the classes it loaded in /app/health-service.jsa, which jvm.options names (README "Footprint").
RUN sh build-cds.sh /app/jvm.options /app/health-service.jar && rm build-cds.sh
USER 10001
EXPOSE 8000
# The image's own check is liveness: a database outage must not make Docker (or Swarm) restart the
# health service itself. docker-compose.yml probes the full /health instead.
HEALTHCHECK --interval=30s --timeout=10s --start-period=10s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${HTTP_PORT:-8000}/health/live" || exit 1
# Exec form: java is PID 1 and receives SIGTERM itself, which starts the graceful drain. The archive
# path in jvm.options is relative to /app, the working directory.
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/health-service.jar"]
