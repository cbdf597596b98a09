package io.healthservice.rabbitmq;

import io.healthservice.CheckSettings;
import io.healthservice.kit.Target;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
import java.util.Set;

/** {@code type: rabbitmq}: an AMQP 0-9-1 broker, a connection and a channel. */
public final class RabbitMqKind implements CheckKind {

  @Override
  public String type() {
    return "rabbitmq";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "password_file", "tls_ca_file", "max_connection_age");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. amqp://user@host:5672/%2f)"));
    config.check("url", () -> UrlRules.withScheme(url, Set.of("amqp", "amqps"), "amqp://user@host:5672/%2f"));
    CheckSettings settings = config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    String name = config.name();
    return CheckDefinition.of(name, type(), settings, new Target(url, config.password(), config.caFile(),
      config.duration("max_connection_age", Target.DEFAULT_MAX_CONNECTION_AGE, true)),
      (vertx, on) -> new RabbitMqCheck(vertx, name, on));
  }
}
