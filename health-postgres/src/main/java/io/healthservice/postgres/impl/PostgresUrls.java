package io.healthservice.postgres.impl;

import io.healthservice.kit.UrlRules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * libpq-style URL handling that both the check (building its connection) and the service's config
 * validation need; it lives here so the check does not depend on the config code.
 */
public final class PostgresUrls {

  private static final Set<String> SSL_MODES =
    Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

  private PostgresUrls() {
  }

  /** {@code url} without the query parameter {@code name} (the Vert.x client would send it to the server). */
  public static String withoutParameter(String url, String name) {
    int question = url.indexOf('?');
    if (question < 0) {
      return url;
    }
    StringBuilder kept = new StringBuilder();
    for (String pair : url.substring(question + 1).split("&")) {
      if (!pair.startsWith(name + "=") && !pair.isEmpty()) {
        kept.append(kept.length() == 0 ? "" : "&").append(pair);
      }
    }
    return url.substring(0, question) + (kept.length() == 0 ? "" : "?" + kept);
  }

  /**
   * {@code postgresql://} with a host (or libpq's comma-separated host list, each with its port: no
   * {@link URI} then), a known {@code sslmode} and {@code target_session_attrs} and, to verify, a readable
   * {@code sslrootcert}.
   */
  public static String validate(String url) {
    if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new IllegalArgumentException("must start with postgresql:// (e.g. postgresql://user:password@host:5432/database)");
    }
    Map<String, String> params;
    try {
      params = UrlRules.queryParameters(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("has a malformed query string");
    }
    String sslMode = params.getOrDefault("sslmode", "disable");
    if (!SSL_MODES.contains(sslMode)) {
      throw new IllegalArgumentException("sslmode must be disable, allow, prefer, require, verify-ca or verify-full");
    }
    String rootCert = params.get("sslrootcert");
    if (sslMode.startsWith("verify-") && rootCert == null) {
      throw new IllegalArgumentException("sslmode=" + sslMode + " needs sslrootcert=<file with the CA certificate>");
    }
    if (rootCert != null && !Files.isReadable(Path.of(rootCert))) {
      throw new IllegalArgumentException("sslrootcert: cannot read file " + rootCert);
    }
    try {
      // The host list, target_session_attrs and each host's single-host URL as the client itself takes it:
      // a URL it cannot use fails at start, not at the first check. The message never holds the URL.
      PostgresHostList.validate(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage()
        + " (postgresql://user:password@host1:5432,host2:5432/database?sslmode=...&target_session_attrs=...)");
    }
    return url;
  }

  /** libpq's {@code sslrootcert}, which the Vert.x client does not read from the URL itself. */
  public static Optional<String> rootCert(String url) {
    return Optional.ofNullable(UrlRules.queryParameters(url).get("sslrootcert"));
  }
}
