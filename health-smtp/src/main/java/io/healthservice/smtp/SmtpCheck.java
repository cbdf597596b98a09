package io.healthservice.smtp;

import io.healthservice.CheckContext;
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
 * A mail server as a sending client first sees it, on a connection of each run: the {@code 220} greeting,
 * {@code EHLO}, {@code STARTTLS} and {@code EHLO} again when the target asks for TLS, then {@code QUIT}. Never
 * authenticates, never sends {@code MAIL}. A {@code 4xx} or {@code 5xx} reply is down with its code and the step
 * ({@code greeting 554}, {@code EHLO 451}), never the server's text; a TLS peer's certificate is recorded for
 * its expiry. The whole conversation ends within {@link CheckContext#clientLimitMillis()}.
 */
public final class SmtpCheck extends ClientCheck<NetClient> {

  private final Vertx vertx;
  private final SmtpTarget target;
  private final PeerCertificates certificates = new PeerCertificates();

  public SmtpCheck(Vertx vertx, String name, SmtpTarget target) {
    super(name, Objects.requireNonNull(target, "target").url());
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.target = target;
  }

  @Override
  public String componentType() {
    return "system";
  }

  @Override
  protected Future<Void> ping(NetClient client, CheckContext context) {
    int limitMs = context.clientLimitMillis();
    ClientSSLOptions tls = new ClientSSLOptions()
      .setTrustOptions(certificates.verifying(target.caFile()))
      .setHostnameVerificationAlgorithm("HTTPS")
      .setSslHandshakeTimeout(limitMs)
      .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    ConnectOptions connect = new ConnectOptions().setHost(target.host()).setPort(target.port()).setTimeout(limitMs);
    if (target.tls()) {
      connect.setSsl(true).setSniServerName(target.host()).setSslOptions(tls);
    }
    SmtpConversation conversation = new SmtpConversation(vertx, target, tls, limitMs);
    return conversation.run(client.connect(connect))
      .andThen(ar -> {
        // Only a run that spoke TLS saw a certificate: a plain run must not repeat an older run's.
        if (conversation.spokeTls()) {
          certificates.notAfter().ifPresent(context::certificate);
        }
      });
  }

  @Override
  protected NetClient open(CheckContext context) {
    return vertx.createNetClient(new NetClientOptions());
  }

  /** Closing the client closes a connection still waiting for a (tarpitted) greeting or a handshake. */
  @Override
  protected Future<Void> release(NetClient client) {
    return client.close().otherwiseEmpty();
  }
}
