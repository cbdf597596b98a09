package io.healthservice.rabbitmq;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.kit.Target;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
    return new Definition(config.name(), settings, new Target(url, config.password(), config.caFile(),
      config.duration("max_connection_age", Target.DEFAULT_MAX_CONNECTION_AGE, true)));
  }

  /** A {@code type: rabbitmq} entry; prints without secrets (the target masks its own). */
  public record Definition(String name, CheckSettings settings, Target target) implements CheckDefinition {

    public Definition {
      Objects.requireNonNull(name);
      Objects.requireNonNull(settings);
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "rabbitmq";
    }

    @Override
    public List<DependencyCheck> build(Vertx vertx, String userAgent) {
      return List.of(new RabbitMqCheck(vertx, name, target));
    }
  }
}
