package io.healthservice.rabbitmq;

import io.healthservice.kit.Target;
import com.rabbitmq.client.Channel;
import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.FailureKind;
import io.healthservice.kit.BrokerUrl;
import io.healthservice.kit.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;

import java.net.URI;
import java.util.Objects;

/**
 * RabbitMQ (AMQP 0-9-1): one connection kept between runs (until the target's max age), and per run a channel
 * opened and closed on it. Keeping the connection is what lets the check see {@code connection.blocked}, which
 * the broker sends on an open connection when a memory or disk alarm fires: such a connection is down
 * ("connection blocked by broker"), since publishers on it stall. A channel round trip per run still proves the
 * broker's connection process answers, without the cost of a TCP+TLS+SASL handshake every few seconds.
 *
 * <p>Threads: the Vert.x client opens the connection on a worker ({@code executeBlocking}); this check runs its
 * own blocking calls (channel open/close, abort) on workers too, unordered so a hung call never queues the
 * next. amqp-client adds, per connection, its reader thread ("AMQP Connection host:port") and a heartbeat
 * scheduler thread; none runs on an event loop.
 */
public final class RabbitMqCheck extends ClientCheck<RabbitMqSession> {

  private final Vertx vertx;
  private final String name;
  private final Target target;
  private final long maxAgeNanos;
  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String vhost;
  private final boolean tls;

  public RabbitMqCheck(Vertx vertx, String name, Target target) {
    super(name, Secrets.maskUrl(Objects.requireNonNull(target, "target").url()));
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
    this.maxAgeNanos = target.maxConnectionAge().toNanos();
    BrokerUrl url = BrokerUrl.parse(target.url(), "amqp", 5672, "amqps", 5671);
    this.tls = url.tls();
    this.host = url.host();
    this.port = url.port();
    this.user = url.user().orElse(RabbitMQOptions.DEFAULT_USER);
    // With user info but no password: an empty one, as the AMQP URI spec reads it; without user info: guest's.
    this.password = target.password().orElse(url.password()
      .orElse(url.user().isPresent() ? "" : RabbitMQOptions.DEFAULT_PASSWORD));
    // No path, or just "/": the default vhost "/" (written /%2f in full).
    this.vhost = url.path().isEmpty() ? "/" : url.path();
  }

  /** The vhost the check opens, decoded from the URL's path. */
  public String vhost() {
    return vhost;
  }

  /** Closed by the broker, or too old: only a new connection shows the broker still takes them. */
  @Override
  protected boolean reusable(RabbitMqSession session, CheckContext context) {
    return session.open() && System.nanoTime() - session.createdAt < maxAgeNanos;
  }

  @Override
  protected RabbitMqSession open(CheckContext context) {
    RabbitMqSession fresh = new RabbitMqSession();
    fresh.client = RabbitMQClient.create(vertx, options(Math.max(1, context.clientLimitMillis()), fresh));
    fresh.started = fresh.client.start();
    return fresh;
  }

  @Override
  protected Future<Void> ping(RabbitMqSession session, CheckContext context) {
    Future<Void> result = session.started.compose(v -> channelRoundTrip(session))
      .recover(error -> Future.failedFuture(RabbitMqErrors.classify(error)));
    // max_connection_age 0: hold no connection between runs; a late end never closes a newer session.
    return maxAgeNanos == 0 ? result.eventually(() -> drop(session)) : result;
  }

  private Future<Void> channelRoundTrip(RabbitMqSession s) {
    return vertx.<Void>executeBlocking(() -> {
      Channel channel = s.connection().createChannel();
      if (channel == null) {
        throw new CheckFailure(FailureKind.ERROR, "no channel available (channel_max reached)");
      }
      channel.close();
      return null;
    }, false).compose(v -> s.blocked()
      ? Future.failedFuture(new CheckFailure(FailureKind.ERROR, "connection blocked by broker"))
      : Future.succeededFuture());
  }

  /** The session in use (null between a drop and the next run): its test drives the listener it registered. */
  RabbitMqSession session() {
    return client();
  }

  /** abort, not close: no close handshake to wait for on a hung broker; the socket goes at once. */
  @Override
  protected Future<Void> release(RabbitMqSession session) {
    return vertx.<Void>executeBlocking(() -> {
      session.abort(1000);
      return null;
    }, false).recover(e -> Future.succeededFuture());
  }

  private RabbitMQOptions options(int limitMs, RabbitMqSession collector) {
    RabbitMQOptions options = new RabbitMQOptions()
      .setHost(host).setPort(port).setUser(user).setPassword(password).setVirtualHost(vhost)
      // amqp-client waits for connection.start only half its handshake timeout: doubled, so the client never
      // fails a run before the monitor's budget (a socket in its handshake is freed by then, not by a drop).
      .setConnectionTimeout(limitMs).setHandshakeTimeout((int) Math.min(Integer.MAX_VALUE, 2L * limitMs))
      .setAutomaticRecoveryEnabled(false).setAutomaticRecoveryOnInitialConnection(false).setReconnectAttempts(0)
      .setConnectionName("health-check " + name)
      .setMetricsCollector(collector);
    if (tls) {
      options.setSsl(true);
      options.setHostnameVerificationAlgorithm("HTTPS");
      target.caFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca)));
    }
    return options;
  }
}
