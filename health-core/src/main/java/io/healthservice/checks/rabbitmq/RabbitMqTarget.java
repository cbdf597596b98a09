package io.healthservice.checks.rabbitmq;

import io.healthservice.impl.checks.Secrets;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a RabbitMQ check connects.
 *
 * @param url      {@code amqp://user@host:5672/vhost} or {@code amqps://...}; the path is the URL-encoded vhost
 *                 ({@code /%2f} is "/", no path is "/"). It may carry a password: shown only masked
 * @param password a password read from a file or variable; overrides the URL's when present
 * @param caFile   a PEM file of the CA(s) to trust for {@code amqps://}; empty to use the JVM's trust store
 * @param maxConnectionAge the kept connection is replaced once older than this, so a broker that stopped
 *                 accepting connections (or a rotated password) shows; zero: a new connection every run
 */
public record RabbitMqTarget(String url, Optional<String> password, Optional<String> caFile, Duration maxConnectionAge) {

  public static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofSeconds(60);

  public RabbitMqTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(maxConnectionAge, "maxConnectionAge");
    if (maxConnectionAge.isNegative()) {
      throw new IllegalArgumentException("maxConnectionAge must not be negative");
    }
  }

  public static RabbitMqTarget of(String url) {
    return new RabbitMqTarget(url, Optional.empty(), Optional.empty(), DEFAULT_MAX_CONNECTION_AGE);
  }

  @Override
  public String toString() {
    return "RabbitMqTarget[" + Secrets.maskUrl(url) + (password.isPresent() ? ", password=***" : "")
      + caFile.map(f -> ", ca=" + f).orElse("") + ", maxConnectionAge=" + maxConnectionAge + "]";
  }
}
