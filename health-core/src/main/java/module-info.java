/**
 * Background health checks for a Vert.x application and the probe routes that answer from their latest
 * results. The API is {@code io.healthservice} (the checker, its builder, the check contract, settings, states
 * and the verdict); the interface by which a kind of check plugs in is health-spi's. Everything
 * under {@code io.healthservice.impl} is internal and may change in any release. The kinds of check are modules
 * of their own (health-postgres, health-redis, health-http, ...), found with {@link java.util.ServiceLoader}.
 */
module io.healthservice.core {
  requires transitive io.vertx.core;
  requires transitive io.vertx.web;
  requires transitive io.vertx.healthcheck;
  requires java.logging;
  requires io.netty.buffer;

  exports io.healthservice;
}
