package io.healthservice.config;

import java.time.Duration;
import java.util.Set;

/** Reads {@code http}: where to listen and what to tolerate from callers. */
final class HttpSection {

  private HttpSection() {
  }

  static HttpOptions read(TypedReader http) {
    http.allowOnly(Set.of("host", "port", "idle_timeout", "request_timeout", "max_connections"));
    String host = http.string("host", "0.0.0.0");
    if (host.isBlank()) {
      throw http.error("host", "must not be empty");
    }
    int port = http.integer("port", 8000);
    if (port < 1 || port > 65535) {
      throw http.error("port", "must be a port number between 1 and 65535, got " + port);
    }
    Duration idleTimeout = http.duration("idle_timeout", Duration.ofSeconds(30), false);
    Duration requestTimeout = http.duration("request_timeout", Duration.ofSeconds(10), false);
    int maxConnections = http.integer("max_connections", 4096);
    if (maxConnections < 16 || maxConnections > 1_000_000) {
      throw http.error("max_connections", "must be between 16 and 1000000, got " + maxConnections);
    }
    return new HttpOptions(host, port, new HttpLimits(idleTimeout, requestTimeout, maxConnections));
  }
}
