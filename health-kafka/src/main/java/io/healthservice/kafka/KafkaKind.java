package io.healthservice.kafka;

import io.healthservice.CheckSettings;
import io.healthservice.kit.Target;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: kafka}: the cluster's metadata (a controller, at least {@code min_brokers} brokers) through Kafka's
 * admin client. Reading the entry loads no Kafka class: only {@link KafkaCheck} does, when a run starts.
 */
public final class KafkaKind implements CheckKind {

  @Override
  public String type() {
    return "kafka";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "password_file", "tls_ca_file", "user", "sasl_mechanism",
      "min_brokers");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. " + KafkaUrl.EXAMPLE + ")"));
    KafkaUrl parsed = config.check("url", () -> KafkaUrl.parse(url));
    Optional<String> user = Optional.ofNullable(config.string("user", null)).filter(u -> !u.isBlank()).or(parsed::user);
    Optional<String> mechanism = Optional.ofNullable(config.string("sasl_mechanism", null)).filter(m -> !m.isBlank());
    if (user.isPresent() && mechanism.isEmpty()) {
      throw config.error("sasl_mechanism", "is required with a user: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
    }
    if (mechanism.isPresent() && user.isEmpty()) {
      throw config.error("sasl_mechanism", "needs a user (the user key, or kafka://user@host:9092)");
    }
    if (mechanism.isPresent() && !KafkaTarget.MECHANISMS.contains(mechanism.get().toUpperCase(java.util.Locale.ROOT))) {
      throw config.error("sasl_mechanism", "must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
    }
    Optional<String> password = config.password();
    if (user.isPresent() && password.isEmpty() && parsed.password().isEmpty()) {
      throw config.error("password_file", "is required with a SASL user (or the password in the URL)");
    }
    Optional<String> caFile = config.caFile();
    if (caFile.isPresent() && !parsed.tls()) {
      throw config.error("tls_ca_file", "applies to kafka+ssl:// URLs only");
    }
    int minBrokers = config.integer("min_brokers", 1);
    if (minBrokers < 1) {
      throw config.error("min_brokers", "must be at least 1");
    }
    KafkaTarget target = config.check("sasl_mechanism",
      () -> new KafkaTarget(new Target(url, password, caFile), user, mechanism, minBrokers));
    CheckSettings settings = config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    String name = config.name();
    return CheckDefinition.of(name, type(), settings, target, (vertx, on) -> new KafkaCheck(vertx, name, on));
  }
}
