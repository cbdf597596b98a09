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
  requires io.vertx.sql.client;
  requires io.vertx.sql.client.pg;
  requires io.vertx.redis.client;
  requires java.logging;

  exports io.healthservice;
  exports io.healthservice.checks;
}
