/**
 * Background health checks for a Vert.x application and the probe routes that answer from their latest
 * results. The API is {@code io.healthservice} (the checker, its builder, checks, settings, states and the
 * verdict) and {@code io.healthservice.checks} (the built-in kinds of check); everything under
 * {@code io.healthservice.impl} is internal and may change in any release.
 */
module io.healthservice.core {
  requires transitive io.vertx.core;
  requires transitive io.vertx.web;
  requires transitive io.vertx.healthcheck;
  requires transitive io.vertx.web.client;
  requires io.vertx.web.common;
  requires transitive io.vertx.sql.client;
  requires io.vertx.sql.client.pg;
  requires transitive io.vertx.redis.client;
  requires java.logging;
  // The optional kinds: their clients are optional dependencies, present only where an application uses them.
  requires static io.vertx.sql.client.mysql;
  requires static io.vertx.rabbitmq.client;
  requires static com.rabbitmq.client;
  requires static io.vertx.mqtt;
  requires static io.netty.codec.mqtt;

  exports io.healthservice;
  exports io.healthservice.spi;
  exports io.healthservice.checks;
  exports io.healthservice.checks.http;
  exports io.healthservice.checks.tcp;
  exports io.healthservice.checks.mysql;
  exports io.healthservice.checks.rabbitmq;
  exports io.healthservice.checks.mqtt;
  // health-grpc's own kind of check (GrpcCheck) classifies failures and records certificates as ours do.
  exports io.healthservice.impl.checks to io.healthservice.grpc;

  provides io.healthservice.spi.CheckKind with io.healthservice.checks.PostgresKind, io.healthservice.checks.RedisKind,
    io.healthservice.checks.LlmKind, io.healthservice.checks.http.HttpKind, io.healthservice.checks.tcp.TcpKind,
    io.healthservice.checks.mysql.MysqlKind, io.healthservice.checks.rabbitmq.RabbitMqKind,
    io.healthservice.checks.mqtt.MqttKind;
}
