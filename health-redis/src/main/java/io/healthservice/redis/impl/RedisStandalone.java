package io.healthservice.redis.impl;

import io.healthservice.CheckContext;
import io.vertx.core.Future;

/** {@code PING}, expecting {@code PONG}, to the one server of {@code checks.redis.url}, and whether it takes writes. */
public final class RedisStandalone implements RedisDeployment {

  private final RedisNode server;
  private final RedisWrites writes;

  public RedisStandalone(RedisNode server, RedisWrites writes) {
    this.server = server;
    this.writes = writes;
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    // No deadline per command: the server is the whole check, and the monitor's timer names a silence.
    return writes.judge(server, context, context.clientLimitMillis(), 0, "", true);
  }

  @Override
  public java.util.Collection<RedisNode> nodes() {
    return java.util.List.of(server);
  }

  @Override
  public Future<Void> reset() {
    return server.reset();
  }
}
