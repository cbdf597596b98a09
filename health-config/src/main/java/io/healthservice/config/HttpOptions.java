package io.healthservice.config;

import java.util.Objects;

/**
 * The {@code http} section.
 *
 * @param host   address to listen on
 * @param port   port to listen on
 * @param limits what the server tolerates from callers
 */
public record HttpOptions(String host, int port, HttpLimits limits) {

  public HttpOptions {
    Objects.requireNonNull(host);
    Objects.requireNonNull(limits);
  }
}
