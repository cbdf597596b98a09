package io.healthservice.redis.impl;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import java.util.Objects;

/**
 * {@code PING} through the application's own Redis client, so the probe sees what the application sees (its
 * pool, its credentials, its topology). The client is the application's: never reset, never closed here.
 */
public final class SharedRedisCheck implements DependencyCheck {

  private final String name;
  private final Redis client;

  public SharedRedisCheck(String name, Redis client) {
    this.name = Objects.requireNonNull(name, "name");
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return "the application's Redis client";
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    return client.send(Request.cmd(Command.PING)).compose(reply -> reply != null && "PONG".equals(reply.toString())
      ? Future.<Void>succeededFuture()
      : Future.<Void>failedFuture(new CheckFailure(FailureKind.ERROR, "unexpected reply to PING")))
      .recover(error -> Future.failedFuture(RedisErrors.of(error)));
  }
}
