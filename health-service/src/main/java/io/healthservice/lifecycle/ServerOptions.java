package io.healthservice.lifecycle;

import io.healthservice.config.HttpOptions;
import io.vertx.core.http.HttpServerOptions;

import java.util.concurrent.TimeUnit;

/** The HTTP server's options, from the {@code http} settings. */
final class ServerOptions {

  private ServerOptions() {
  }

  /**
   * @param h2c whether gRPC shares the port: h2c (prior knowledge or upgrade) beside HTTP/1.1. With h2c the server
   *            reads a connection's first bytes before it becomes an HTTP connection, so the guard meets it only
   *            then; until then the idle timeout bounds it (README, "gRPC health").
   */
  static HttpServerOptions http(HttpOptions http, boolean h2c) {
    return new HttpServerOptions()
      .setHost(http.host())
      .setPort(http.port())
      // Probes are tiny and frequent: keep connections, but drop idle and half-open ones.
      .setIdleTimeout((int) http.limits().idleTimeout().toMillis())
      .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
      .setTcpNoDelay(true)
      .setHttp2ClearTextEnabled(h2c);
  }
}
