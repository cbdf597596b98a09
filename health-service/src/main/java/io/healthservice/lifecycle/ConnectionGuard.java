package io.healthservice.lifecycle;

import io.healthservice.config.HttpLimits;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps misbehaving callers from crowding out probes: caps open connections, and closes a connection
 * that has not completed its first request in time (slowloris: many half-sent requests held open).
 * The idle timeout of the server handles connections that go quiet later.
 */
final class ConnectionGuard {

  private final Vertx vertx;
  private final HttpLimits limits;
  private final AtomicInteger open = new AtomicInteger();
  /** Connections still waiting for their first complete request → their deadline timer. */
  private final Map<HttpConnection, Long> awaitingFirstRequest = new ConcurrentHashMap<>();

  ConnectionGuard(Vertx vertx, HttpLimits limits) {
    this.vertx = vertx;
    this.limits = limits;
  }

  void accept(HttpConnection connection) {
    if (open.incrementAndGet() > limits.maxConnections()) {
      open.decrementAndGet();
      connection.close();
      return;
    }
    long timer = vertx.setTimer(limits.requestTimeout().toMillis(), id -> {
      if (awaitingFirstRequest.remove(connection) != null) {
        connection.close();
      }
    });
    awaitingFirstRequest.put(connection, timer);
    connection.closeHandler(v -> {
      open.decrementAndGet();
      Long pending = awaitingFirstRequest.remove(connection);
      if (pending != null) {
        vertx.cancelTimer(pending);
      }
    });
  }

  void requestStarted(HttpConnection connection) {
    Long pending = awaitingFirstRequest.remove(connection);
    if (pending != null) {
      vertx.cancelTimer(pending);
    }
  }
}
