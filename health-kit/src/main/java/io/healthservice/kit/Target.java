package io.healthservice.kit;


import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a check connects and with which credentials: the one shape of every URL-addressed kind (Postgres,
 * Redis, MySQL, RabbitMQ, MQTT, gRPC). What only one kind needs (MySQL's {@code expect_writable}) is that
 * kind's own argument.
 *
 * @param url      the dependency's URL (may carry a password: mask it with {@link Secrets#maskUrl})
 * @param password a password read from a file or variable; overrides the URL's when present
 * @param caFile   a PEM file of the CA(s) to trust for TLS; empty to use the JVM's trust store
 * @param maxConnectionAge a connection older than this is replaced before the next run, so a server that
 *                 stopped accepting new connections (or a rotated password) shows; zero: a new one every run
 */
public record Target(String url, Optional<String> password, Optional<String> caFile, Duration maxConnectionAge) {

  /** Default bound on a check's connection age. */
  public static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofSeconds(60);

  public Target {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(maxConnectionAge, "maxConnectionAge");
    if (maxConnectionAge.isNegative()) {
      throw new IllegalArgumentException("maxConnectionAge must not be negative");
    }
  }

  /** {@code url} with its own credentials, the JVM's trust store and the default connection age. */
  public static Target of(String url) {
    return new Target(url, Optional.empty(), Optional.empty());
  }

  public Target(String url, Optional<String> password, Optional<String> caFile) {
    this(url, password, caFile, DEFAULT_MAX_CONNECTION_AGE);
  }

  @Override
  public String toString() {
    return "Target[" + Secrets.maskUrls(url) + (password.isPresent() ? ", password=***" : "")
      + caFile.map(f -> ", ca=" + f).orElse("") + "]";
  }
}
