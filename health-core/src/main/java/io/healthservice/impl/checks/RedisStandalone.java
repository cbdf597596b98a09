package io.healthservice.impl.checks;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

/** {@code PING}, expecting {@code PONG}, to the one server of {@code checks.redis.url}. */
public final class RedisStandalone implements RedisDeployment {

  private final RedisNode server;

  public RedisStandalone(RedisNode server) {
    this.server = server;
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    return server.send(Request.cmd(Command.PING), context.clientLimitMillis()).compose(reply ->
      reply != null && "PONG".equals(reply.toString())
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(new CheckFailure(FailureKind.ERROR, "unexpected reply to PING")));
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
