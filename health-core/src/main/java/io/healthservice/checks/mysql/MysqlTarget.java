package io.healthservice.checks.mysql;

import io.healthservice.impl.checks.Secrets;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a MySQL/MariaDB check connects, mirroring {@link io.healthservice.checks.Target} for Postgres.
 *
 * @param url            {@code mysql://user@host:3306/db} (may carry a password: shown only masked)
 * @param password       a password read from a file or variable; overrides the URL's when present
 * @param caFile         a PEM file of the CA(s) to trust; when given, TLS is required and the chain verified
 * @param expectWritable a server with {@code read_only} on is down: an application that writes cannot work
 * @param maxConnectionAge a connection older than this is replaced before the next run, so a server that stopped
 *                       accepting new connections (max_connections, a rotated password) shows; zero: new every run
 */
public record MysqlTarget(String url, Optional<String> password, Optional<String> caFile, boolean expectWritable,
                          Duration maxConnectionAge) {

  /** Default bound on the check's connection age, as for Postgres. */
  public static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofSeconds(60);

  public MysqlTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(maxConnectionAge, "maxConnectionAge");
    if (maxConnectionAge.isNegative()) {
      throw new IllegalArgumentException("maxConnectionAge must not be negative");
    }
  }

  /** {@code url} with its own credentials, no TLS, no writability check, the default connection age. */
  public static MysqlTarget of(String url) {
    return new MysqlTarget(url, Optional.empty(), Optional.empty(), false, DEFAULT_MAX_CONNECTION_AGE);
  }

  @Override
  public String toString() {
    return "MysqlTarget[" + Secrets.maskUrl(url) + (password.isPresent() ? ", password=***" : "")
      + caFile.map(f -> ", ca=" + f).orElse("") + ", expectWritable=" + expectWritable
      + ", maxConnectionAge=" + maxConnectionAge + "]";
  }
}
