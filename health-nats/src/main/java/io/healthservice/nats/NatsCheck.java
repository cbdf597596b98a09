package io.healthservice.nats;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.kit.BrokerUrl;
import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.ConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A NATS server as a client sees it, on a connection of each run: the server's {@code INFO}, TLS when the URL is
 * {@code tls://} or the server requires it, our {@code CONNECT} (with the token or user and password, if any) and
 * {@code PING}, answered by {@code PONG}. An {@code -ERR} is the reason, by its protocol words
 * ({@code authorization violation}), never the rest of the server's line.
 *
 * <p>TLS follows what NATS clients do: a {@code tls://} URL insists on it (a server that offers none is down, before
 * any secret is sent); a {@code nats://} URL to a server whose INFO says {@code tls_required} upgrades too, verified
 * the same way (the JVM's trust store or {@code tls_ca_file}, host name checked), so the check connects wherever a
 * client of the same URL would. The server's certificate is recorded for its expiry.
 *
 * <p>The TCP client is kept between runs (its TLS context is built once, on a Vert.x worker), each run's connection
 * is closed when the run ends, and a run that failed or timed out drops the client with whatever it still holds.
 */
public final class NatsCheck extends ClientCheck<NetClient> {

  private final Vertx vertx;
  private final NatsTarget target;
  private final BrokerUrl url;
  /** One per check: Vert.x caches TLS contexts per trust options instance. */
  private final PeerCertificates certificates = new PeerCertificates();

  public NatsCheck(Vertx vertx, String name, NatsTarget target) {
    super(name, Secrets.maskUrl(Objects.requireNonNull(target, "target").target().url()));
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.target = target;
    this.url = BrokerUrl.parse(target.target().url(), "nats", 4222, "tls", 4222);
  }

  @Override
  protected NetClient open(CheckContext context) {
    return vertx.createNetClient(new NetClientOptions());
  }

  @Override
  protected Future<Void> ping(NetClient client, CheckContext context) {
    int limitMs = context.clientLimitMillis();
    Promise<Void> run = Promise.promise();
    NatsConversation conversation = new NatsConversation(url.tls(), tls(limitMs), connect(), run);
    client.connect(new ConnectOptions().setHost(url.host()).setPort(url.port()).setTimeout(limitMs))
      .onFailure(e -> run.tryFail(CheckFailure.of(e)))
      .onSuccess(conversation::start);
    return run.future()
      .andThen(ar -> {
        if (conversation.upgraded()) {
          certificates.notAfter().ifPresent(context::certificate);
        }
      })
      .eventually(conversation::close);
  }

  /** Closing the client closes a connection whose server or handshake still hangs. */
  @Override
  protected Future<Void> release(NetClient client) {
    return client.close().otherwiseEmpty();
  }

  /** How the socket is upgraded when TLS is on: verified, host name checked, the handshake bounded. */
  private NatsConversation.Upgrade tls(int limitMs) {
    ClientSSLOptions options = new ClientSSLOptions()
      .setTrustOptions(certificates.verifying(target.target().caFile()))
      .setHostnameVerificationAlgorithm("HTTPS")
      .setSslHandshakeTimeout(limitMs)
      .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    return socket -> socket.upgradeToSsl(options, url.host());
  }

  /** The CONNECT line; {@code tls_required} is added by the conversation when the connection is TLS. */
  private JsonObject connect() {
    JsonObject options = new JsonObject().put("verbose", false).put("pedantic", false).put("lang", "java")
      .put("version", "0.1.0").put("name", "health-service").put("protocol", 0);
    target.token().ifPresent(token -> options.put("auth_token", token));
    url.user().ifPresent(user -> options.put("user", user));
    target.target().password().or(url::password).ifPresent(password -> options.put("pass", password));
    return options;
  }
}
