package io.healthservice.nats;

import java.util.Locale;
import java.util.Map;

/** NATS {@code -ERR} lines as reasons: the protocol's own words for known errors, else only that there was one. */
final class NatsErrors {

  /** The server's error texts (nats-server's protocol errors) that are safe and useful to show. */
  private static final Map<String, String> KNOWN = Map.of(
    "authorization violation", "authorization violation",
    "authentication timeout", "authentication timeout",
    "authentication expired", "authentication expired",
    "maximum connections exceeded", "maximum connections exceeded",
    "secure connection - tls required", "server requires TLS",
    "user authentication revoked", "authentication revoked");

  private NatsErrors() {
  }

  static String reason(String line) {
    String text = line.substring("-ERR".length()).trim().replace("'", "").toLowerCase(Locale.ROOT);
    return KNOWN.getOrDefault(text, "server error (-ERR)");
  }
}
