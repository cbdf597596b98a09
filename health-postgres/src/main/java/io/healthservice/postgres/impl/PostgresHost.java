package io.healthservice.postgres.impl;

/**
 * One host of a libpq host list.
 *
 * @param host the name or address, IPv6 without its brackets
 * @param port the port given, or 5432
 * @param raw  the entry as written in the URL ({@code [::1]:5433}), so a single-host URL is rebuilt unchanged
 */
public record PostgresHost(String host, int port, String raw) {

  public static final int DEFAULT_PORT = 5432;

  /** {@code host:port}, IPv6 in brackets: what reasons and logs name (never a credential). */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** Parses one entry: {@code db1}, {@code db1:5433}, {@code [::1]}, {@code [2001:db8::1]:5433}. */
  static PostgresHost parse(String raw) {
    String host;
    String port = null;
    if (raw.startsWith("[")) {
      int close = raw.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("an IPv6 address has no closing bracket");
      }
      host = raw.substring(1, close);
      String after = raw.substring(close + 1);
      if (!after.isEmpty()) {
        if (!after.startsWith(":")) {
          throw new IllegalArgumentException("unexpected text after an IPv6 address");
        }
        port = after.substring(1);
      }
    } else {
      int colon = raw.indexOf(':');
      host = colon < 0 ? raw : raw.substring(0, colon);
      port = colon < 0 ? null : raw.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("has no host name");
    }
    return new PostgresHost(host, port == null || port.isEmpty() ? DEFAULT_PORT : port(port), raw);
  }

  private static int port(String text) {
    if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
      throw new IllegalArgumentException("has a port out of range");
    }
    return Integer.parseInt(text);
  }
}
