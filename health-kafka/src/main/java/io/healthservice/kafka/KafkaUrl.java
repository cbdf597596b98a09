package io.healthservice.kafka;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code kafka://[user[:password]@]host[:9092][,host2[:9092]...]} URL taken apart: a list of bootstrap servers,
 * which {@link java.net.URI} does not parse. {@code kafka+ssl://} is the same over TLS. No path, no query: the
 * rest of the setup is keys of the entry. Errors never show the URL: it may hold a password.
 *
 * @param servers {@code host:port} each, as Kafka's {@code bootstrap.servers} takes them
 */
record KafkaUrl(boolean tls, List<String> servers, Optional<String> user, Optional<String> password) {

  static final String PLAIN = "kafka";
  static final String SECURE = "kafka+ssl";
  static final int DEFAULT_PORT = 9092;
  static final String EXAMPLE = "kafka://host:9092,host2:9092";

  static KafkaUrl parse(String url) {
    int schemeEnd = url.indexOf("://");
    String scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals(PLAIN) && !scheme.equals(SECURE)) {
      throw new IllegalArgumentException("must start with kafka:// or kafka+ssl:// (e.g. " + EXAMPLE + ")");
    }
    String rest = url.substring(schemeEnd + 3);
    // The last '@' ends the user info: a password may hold '@', '/' or ','.
    int at = rest.lastIndexOf('@');
    String info = at < 0 ? null : rest.substring(0, at);
    String hosts = at < 0 ? rest : rest.substring(at + 1);
    if (hosts.endsWith("/")) {
      hosts = hosts.substring(0, hosts.length() - 1);
    }
    if (hosts.contains("/") || hosts.contains("?") || hosts.contains("#")) {
      throw new IllegalArgumentException("must have no path or query: kafka://host:port[,host:port...]");
    }
    List<String> servers = new ArrayList<>();
    for (String server : hosts.split(",", -1)) {
      servers.add(server(server.trim()));
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (info != null) {
      int colon = info.indexOf(':');
      user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon))).filter(u -> !u.isEmpty());
      password = colon < 0 ? Optional.empty() : Optional.of(decode(info.substring(colon + 1)));
    }
    return new KafkaUrl(scheme.equals(SECURE), List.copyOf(servers), user, password);
  }

  /** {@code host}, {@code host:port}, {@code [v6]} or {@code [v6]:port}, normalised to host:port. */
  private static String server(String server) {
    String host;
    String port;
    if (server.startsWith("[")) {
      int close = server.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("has an IPv6 address without its closing ']'");
      }
      host = server.substring(0, close + 1);
      String after = server.substring(close + 1);
      if (!after.isEmpty() && !after.startsWith(":")) {
        throw new IllegalArgumentException("has a server that is not host:port");
      }
      port = after.isEmpty() ? "" : after.substring(1);
    } else {
      int colon = server.indexOf(':');
      host = colon < 0 ? server : server.substring(0, colon);
      port = colon < 0 ? "" : server.substring(colon + 1);
    }
    if (host.isEmpty() || !host.matches("[A-Za-z0-9._\\-\\[\\]:]+")) {
      throw new IllegalArgumentException("has an empty or invalid host name (e.g. " + EXAMPLE + ")");
    }
    int number = DEFAULT_PORT;
    if (!port.isEmpty()) {
      if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        throw new IllegalArgumentException("has a port that is not a number from 1 to 65535");
      }
      number = Integer.parseInt(port);
    }
    return host + ":" + number;
  }

  /** Percent-decoding that keeps a literal '+' (it is no space in user info). */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
