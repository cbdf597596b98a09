package io.healthservice.nats;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.kit.BrokerUrl;
import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ClientSSLOptions;
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
 */
public final class NatsCheck implements DependencyCheck {

  private final Vertx vertx;
  private final String name;
  private final NatsTarget target;
  private final BrokerUrl url;
  /** One per check: Vert.x caches TLS contexts per trust options instance. */
  private final PeerCertificates certificates = new PeerCertificates();

  public NatsCheck(Vertx vertx, String name, NatsTarget target) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
    this.url = BrokerUrl.parse(target.target().url(), "nats", 4222, "tls", 4222);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return Secrets.maskUrl(target.target().url());
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    int limitMs = context.clientLimitMillis();
    NetClient client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(limitMs));
    Promise<Void> run = Promise.promise();
    // A run the monitor gave up on (a hung server or handshake) closes its socket and client here.
    context.ended().onFailure(e -> client.close());
    NatsConversation conversation = new NatsConversation(url.tls(), tls(limitMs), connect(), run);
    client.connect(url.port(), url.host())
      .onFailure(e -> run.tryFail(CheckFailure.of(e)))
      .onSuccess(conversation::start);
    return run.future()
      .andThen(ar -> {
        if (conversation.upgraded()) {
          certificates.notAfter().ifPresent(context::certificate);
        }
      })
      .eventually(client::close);
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
