package io.healthservice.mqtt;

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

/** {@code type: mqtt}: an MQTT broker, CONNECT and CONNACK. */
public final class MqttKind implements CheckKind {

  @Override
  public String type() {
    return "mqtt";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "password_file", "tls_ca_file");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. mqtt://host:1883)"));
    config.check("url", () -> UrlRules.withScheme(url, Set.of("mqtt", "mqtts"), "mqtt://host:1883"));
    CheckSettings settings = config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    return new Definition(config.name(), settings, new Target(url, config.password(), config.caFile()));
  }

  /** A {@code type: mqtt} entry; prints without secrets (the target masks its own). */
  public record Definition(String name, CheckSettings settings, Target target) implements CheckDefinition {

    public Definition {
      Objects.requireNonNull(name);
      Objects.requireNonNull(settings);
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "mqtt";
    }

    @Override
    public List<DependencyCheck> build(Vertx vertx, String userAgent) {
      return List.of(new MqttCheck(vertx, name, target));
    }
  }
}
