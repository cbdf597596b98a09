package io.healthservice.checks;

import io.healthservice.config.Secrets;
import io.healthservice.config.Target;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;

import java.time.Duration;
import java.util.Objects;

/** {@code PING}, expecting {@code PONG}, over a pooled vertx-redis-client (one connection, reused). */
public final class RedisCheck implements DependencyCheck {

  private final Vertx vertx;
  private final Target target;
  private final Duration timeout;
  private Redis client;

  public RedisCheck(Vertx vertx, Target target, Duration timeout) {
    this.vertx = Objects.requireNonNull(vertx);
    this.target = Objects.requireNonNull(target);
    this.timeout = Objects.requireNonNull(timeout);
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public String target() {
    return Secrets.maskUrl(target.url());
  }

  @Override
  public Future<Void> ping() {
    if (client == null) {
      client = createClient();
    }
    return client.send(Request.cmd(Command.PING)).compose(reply ->
      reply != null && "PONG".equals(reply.toString())
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(new CheckFailure(FailureKind.ERROR, "unexpected reply to PING")));
  }

  @Override
  public Future<Void> reset() {
    // The redis client has no command timeout: closing it frees the socket stuck on a hung server.
    Redis old = client;
    client = null;
    return old == null ? Future.succeededFuture() : old.close();
  }

  @Override
  public Future<Void> close() {
    return reset();
  }

  private Redis createClient() {
    int ms = (int) Math.max(1, timeout.toMillis());
    NetClientOptions net = new NetClientOptions().setConnectTimeout(ms).setTcpKeepAlive(true);
    if (target.url().startsWith("rediss://")) {
      // TLS, with the host name checked against the certificate.
      net.setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      target.caFile().ifPresent(ca -> net.setTrustOptions(new PemTrustOptions().addCertPath(ca)));
    }
    RedisOptions options = new RedisOptions()
      .setConnectionString(target.url())
      .setMaxPoolSize(1)
      .setMaxPoolWaiting(4)
      .setMaxWaitingHandlers(16)
      .setPoolName("health-check-redis")
      .setNetClientOptions(net);
    target.password().ifPresent(options::setPassword);
    return Redis.createClient(vertx, options);
  }
}
