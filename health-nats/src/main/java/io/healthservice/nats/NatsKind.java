package io.healthservice.nats;

import io.healthservice.CheckSettings;
import io.healthservice.kit.BrokerUrl;
import io.healthservice.kit.Target;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
import java.util.Set;

/**
 * {@code type: nats}: the server's INFO, TLS ({@code tls://} or when the server requires it), our CONNECT (token or
 * user and password), PING answered by PONG.
 */
public final class NatsKind implements CheckKind {

  @Override
  public String type() {
    return "nats";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "password_file", "token", "token_env", "token_file",
      "tls_ca_file");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url()
      .orElseThrow(() -> config.error("url", "is required (e.g. nats://host:4222 or tls://host:4222)"));
    config.check("url", () -> BrokerUrl.parse(url, "nats", 4222, "tls", 4222));
    CheckSettings settings = config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    NatsTarget target = new NatsTarget(new Target(url, config.password(), config.caFile()), config.secret("token"));
    String name = config.name();
    return CheckDefinition.of(name, type(), settings, target, (vertx, on) -> new NatsCheck(vertx, name, on));
  }
}
