package io.healthservice.kafka;

import io.healthservice.kit.Target;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a {@code kafka} check connects and how: the URL (its password overridden by {@code password_file} or the
 * entry's variable), the CA file for {@code kafka+ssl://}, the SASL user and mechanism, and how many brokers the
 * metadata must list. Prints without secrets.
 *
 * @param user          the SASL user: the {@code user} key, else the URL's user info; empty: no SASL
 * @param saslMechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}; present exactly when a user is
 * @param minBrokers    the run is down when the metadata lists fewer brokers (at least 1)
 */
public record KafkaTarget(Target target, Optional<String> user, Optional<String> saslMechanism, int minBrokers) {

  /** The SASL mechanisms the check speaks; GSSAPI and OAUTHBEARER need setup beyond a password. */
  public static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

  public KafkaTarget {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(saslMechanism, "saslMechanism");
    saslMechanism = saslMechanism.map(m -> m.toUpperCase(Locale.ROOT));
    if (saslMechanism.isPresent() != user.isPresent()) {
      throw new IllegalArgumentException("a SASL mechanism goes with a user, and a user with a mechanism");
    }
    if (saslMechanism.isPresent() && !MECHANISMS.contains(saslMechanism.get())) {
      throw new IllegalArgumentException("SASL mechanism must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
    }
    if (minBrokers < 1) {
      throw new IllegalArgumentException("minBrokers must be at least 1");
    }
  }

  /** {@code url} with no SASL, the JVM's trust store and one broker required: for tests and embedders. */
  public static KafkaTarget of(String url) {
    return new KafkaTarget(Target.of(url), Optional.empty(), Optional.empty(), 1);
  }

  @Override
  public String toString() {
    return "KafkaTarget[" + target + user.map(u -> ", user=" + u).orElse("")
      + saslMechanism.map(m -> ", sasl=" + m).orElse("") + ", minBrokers=" + minBrokers + "]";
  }
}
