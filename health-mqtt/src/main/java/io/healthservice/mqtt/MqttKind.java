package io.healthservice.mqtt;

import io.healthservice.CheckSettings;
import io.healthservice.kit.Target;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
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
    String name = config.name();
    return CheckDefinition.of(name, type(), settings, new Target(url, config.password(), config.caFile()),
      (vertx, on) -> new MqttCheck(vertx, name, on));
  }
}
