package io.healthservice.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a check connects and with which credentials.
 *
 * @param url      the dependency's URL (may carry a password: mask it with {@link Secrets#maskUrl})
 * @param password a password read from a file or variable; overrides the URL's when present
 * @param caFile   a PEM file of the CA(s) to trust for TLS; empty to use the JVM's trust store
 */
public record Target(String url, Optional<String> password, Optional<String> caFile) {

  public Target {
    Objects.requireNonNull(url);
    Objects.requireNonNull(password);
    Objects.requireNonNull(caFile);
  }

  @Override
  public String toString() {
    return "Target[" + Secrets.maskUrl(url) + (password.isPresent() ? ", password=***" : "")
      + caFile.map(f -> ", ca=" + f).orElse("") + "]";
  }
}
