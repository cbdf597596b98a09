# syntax=docker/dockerfile:1

# ---- build: the README's Maven command, for the service module and the libraries it is built on ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Every module's pom: the reactor reads them all, even for -pl.
COPY pom.xml .
COPY health-core/pom.xml health-core/
COPY health-spi/pom.xml health-spi/
COPY health-kit/pom.xml health-kit/
COPY health-http/pom.xml health-http/
COPY health-postgres/pom.xml health-postgres/
COPY health-redis/pom.xml health-redis/
COPY health-mysql/pom.xml health-mysql/
COPY health-rabbitmq/pom.xml health-rabbitmq/
COPY health-mqtt/pom.xml health-mqtt/
COPY health-nats/pom.xml health-nats/
COPY health-memcached/pom.xml health-memcached/
COPY health-kafka-broker/pom.xml health-kafka-broker/
COPY health-kafka/pom.xml health-kafka/
COPY health-smtp/pom.xml health-smtp/
COPY health-mongodb/pom.xml health-mongodb/
COPY health-grpc/pom.xml health-grpc/
COPY health-notify/pom.xml health-notify/
COPY health-metrics/pom.xml health-metrics/
COPY health-status/pom.xml health-status/
COPY health-config/pom.xml health-config/
COPY health-kind-example/pom.xml health-kind-example/
COPY health-service/pom.xml health-service/
COPY health-example/pom.xml health-example/
COPY health-core/src health-core/src
COPY health-spi/src health-spi/src
COPY health-kit/src health-kit/src
COPY health-http/src health-http/src
COPY health-postgres/src health-postgres/src
COPY health-redis/src health-redis/src
COPY health-mysql/src health-mysql/src
COPY health-rabbitmq/src health-rabbitmq/src
COPY health-mqtt/src health-mqtt/src
COPY health-nats/src health-nats/src
COPY health-memcached/src health-memcached/src
COPY health-kafka/src health-kafka/src
COPY health-smtp/src health-smtp/src
COPY health-mongodb/src health-mongodb/src
COPY health-grpc/src health-grpc/src
COPY health-notify/src health-notify/src
COPY health-metrics/src health-metrics/src
COPY health-status/src health-status/src
COPY health-config/src health-config/src
COPY health-service/src health-service/src
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
