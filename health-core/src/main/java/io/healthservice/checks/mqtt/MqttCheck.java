package io.healthservice.checks.mqtt;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.impl.checks.Failures;
import io.healthservice.impl.checks.Secrets;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * MQTT 3.1.1: per run a fresh client that sends CONNECT (a unique client id, clean session), waits for CONNACK,
 * and DISCONNECTs. A connection per run is cheap for a broker (one small packet each way, no session kept with a
 * clean session) and proves what a publisher needs: the broker accepts new clients and these credentials. A
 * unique id per run means a late run never kicks out another (brokers drop the older client on a duplicate id).
 * Everything runs on the event loop (vertx-mqtt is a Netty client): no extra threads.
 */
public final class MqttCheck implements DependencyCheck {

  private final Vertx vertx;
  private final String name;
  private final MqttTarget target;
  private final String host;
  private final int port;
  private final boolean tls;
  private final String username;
  private final String password;
  private MqttClient current;

  public MqttCheck(Vertx vertx, String name, MqttTarget target) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
    URI uri;
    try {
      uri = new URI(target.url());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid MQTT URL (not shown: it may hold a password)");
    }
    String scheme = String.valueOf(uri.getScheme());
    if (!scheme.equals("mqtt") && !scheme.equals("mqtts") || uri.getHost() == null) {
      throw new IllegalArgumentException("an MQTT URL is mqtt://host:port or mqtts://host:port (not shown)");
    }
    this.tls = scheme.equals("mqtts");
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : tls ? 8883 : 1883;
    String info = uri.getRawUserInfo();
    int colon = info == null ? -1 : info.indexOf(':');
    this.username = info == null ? null : decode(colon < 0 ? info : info.substring(0, colon));
    this.password = target.password().orElse(colon < 0 ? null : decode(info.substring(colon + 1)));
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return Secrets.maskUrl(target.url());
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    MqttClient client = MqttClient.create(vertx, options(Math.max(1, context.clientLimitMillis())));
    current = client;
    Promise<Void> done = Promise.promise();
    // Bytes that are not MQTT reach the exception handler, not the connect future: end the run there.
    client.exceptionHandler(error -> {
      done.tryFail(classify(error));
      client.disconnect();
    });
    client.connect(port, host).onComplete(ack -> {
      if (ack.succeeded()) {
        client.disconnect().onComplete(v -> done.tryComplete());
      } else {
        done.tryFail(classify(ack.cause()));
      }
    });
    return done.future().eventually(() -> {
      if (current == client) {
        current = null;
      }
      return Future.succeededFuture();
    });
  }

  static String clientId() {
    return "health-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** From the CONNACK return code and the client's error type only; no message text is copied. */
  static CheckFailure classify(Throwable error) {
    if (error instanceof MqttConnectionException refused) {
      return refusal(refused.code());
    }
    if (error instanceof VertxException && "Closed".equals(error.getMessage())) {
      return new CheckFailure(FailureKind.REFUSED, "connection closed by peer");
    }
    return Failures.classify(error);
  }

  /** e.g. "CONNACK refused: not authorized (5)", the words from the code's name. */
  static CheckFailure refusal(MqttConnectReturnCode code) {
    String words = code.name().replaceFirst("^CONNECTION_REFUSED_", "").replaceFirst("_5$", "")
      .replace("USER_NAME", "USERNAME").replace('_', ' ').toLowerCase(Locale.ROOT).replace("username", "user name");
    return new CheckFailure(FailureKind.ERROR, "CONNACK refused: " + words + " (" + (code.byteValue() & 0xff) + ")");
  }

  @Override
  public Future<Void> reset() {
    // Closes the socket of a run still waiting for its CONNACK (disconnect() closes a connecting client too).
    MqttClient old = current;
    current = null;
    return old == null ? Future.succeededFuture() : old.disconnect().recover(e -> Future.succeededFuture());
  }

  @Override
  public Future<Void> close() {
    return reset();
  }

  private MqttClientOptions options(int limitMs) {
    MqttClientOptions options = new MqttClientOptions()
      .setClientId(clientId())
      .setCleanSession(true)
      .setAutoGeneratedClientId(false)
      .setKeepAliveInterval(Math.max(1, limitMs / 1000 + 1));
    options.setConnectTimeout(limitMs);
    if (username != null) {
      options.setUsername(username);
    }
    if (password != null) {
      options.setPassword(password);
    }
    if (tls) {
      options.setSsl(true);
      options.setHostnameVerificationAlgorithm("HTTPS");
      target.caFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca)));
    }
    return options;
  }
}
