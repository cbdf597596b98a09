package io.healthservice.rabbitmq;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.NoOpMetricsCollector;
import io.vertx.core.Future;
import io.vertx.rabbitmq.RabbitMQClient;

/**
 * One Vert.x RabbitMQ client and the amqp-client {@link Connection} under it. The wrapper does not expose its
 * connection, nor {@code connection.blocked}; amqp-client hands every new connection to the factory's metrics
 * collector, on the worker thread that opened it, which is where this session takes it and registers itself
 * as the connection's {@link BlockedListener}.
 */
final class RabbitMqSession extends NoOpMetricsCollector implements BlockedListener {

  final long createdAt = System.nanoTime();
  RabbitMQClient client;
  /** The client's start: the connection is open once it succeeded. */
  Future<Void> started;
  private volatile Connection connection;
  private volatile boolean blocked;
  private volatile boolean discarded;

  @Override
  public void newConnection(Connection opened) {
    opened.addBlockedListener(this);
    connection = opened;
    if (discarded) {
      opened.abort(1000); // a connect that completed after the check dropped it: do not leave it behind
    }
  }

  /** The broker's {@code connection.blocked} (a memory or disk alarm): publishers on it would stall. */
  @Override
  public void handleBlocked(String reason) {
    blocked = true; // the reason text is the broker's; not kept
  }

  @Override
  public void handleUnblocked() {
    blocked = false;
  }

  boolean blocked() {
    return blocked;
  }

  Connection connection() {
    return connection;
  }

  boolean open() {
    Connection c = connection;
    return c != null && c.isOpen();
  }

  /** Blocking (closes the socket without the close handshake): call on a worker thread. */
  void abort(int timeoutMs) {
    discarded = true;
    Connection c = connection;
    if (c != null) {
      c.abort(Math.max(1, timeoutMs));
    }
  }
}
