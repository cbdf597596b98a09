package io.healthservice.http;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.kit.PeerCertificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Healthy when a TCP connection (and, for {@code tls://}, a verified TLS handshake) succeeds; the connection is
 * closed at once. For dependencies with no protocol this library speaks (brokers, SMTP, LDAP...): it proves
 * the port answers, not that the service behind it works. Not a single byte is sent after the handshake.
 */
public final class TcpCheck extends ClientCheck<NetClient> {

  private final Vertx vertx;
  private final String name;
  private final TcpTarget target;
  private final PeerCertificates certificates = new PeerCertificates();

  public TcpCheck(Vertx vertx, String name, TcpTarget target) {
    super(name, Objects.requireNonNull(target, "target").url());
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
  }

  @Override
  public String componentType() {
    return "system";
  }

  @Override
  protected Future<Void> ping(NetClient client, CheckContext context) {
    int limitMs = context.clientLimitMillis();
    ConnectOptions connect = new ConnectOptions().setHost(target.host()).setPort(target.port())
      .setTimeout(limitMs).setSsl(target.tls());
    if (target.tls()) {
      connect.setSniServerName(target.host())
        .setSslOptions(new ClientSSLOptions()
          .setTrustOptions(certificates.verifying(target.caFile()))
          .setHostnameVerificationAlgorithm("HTTPS")
          // A server that accepts but never finishes the handshake holds the socket no longer than this.
          .setSslHandshakeTimeout(limitMs)
          .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS));
    }
    return client.connect(connect)
      .compose(socket -> socket.close().otherwiseEmpty())
      .recover(error -> Future.failedFuture(CheckFailure.of(error)))
      .andThen(ar -> certificates.notAfter().ifPresent(context::certificate));
  }

  /**
   * Plain TCP: the client every plain check of this Vert.x shares ({@link SharedClients}). TLS: a client of its own,
   * whose SSL context cache holds this check's trust (thousands of checks would thrash a shared one).
   */
  @Override
  protected NetClient open(CheckContext context) {
    return target.tls() ? vertx.createNetClient(new NetClientOptions()) : SharedClients.net(vertx);
  }

  /** Closing a TLS check's client closes a connection whose handshake still hangs; the shared one stays open. */
  @Override
  protected Future<Void> release(NetClient client) {
    return target.tls() ? client.close().otherwiseEmpty() : Future.succeededFuture();
  }
}
