package io.healthservice.history.pg.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A pool of two connections (one writing, one reading), each use bounded in time. The pg client has no
 * per-query timeout: past the bound the whole pool is closed, which frees a socket stuck on a hung server, and
 * the next use builds a new one.
 */
final class Connections {

  private final Vertx vertx;
  private final PgConnectOptions connect;
  private final long timeoutMs;
  private Pool pool;

  Connections(Vertx vertx, String url, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.connect = options(url, timeoutMs);
  }

  /** @throws IllegalArgumentException never quoting the URL, which may hold a password */
  static PgConnectOptions options(String url, long timeoutMs) {
    PgConnectOptions connect;
    try {
      connect = PgConnectOptions.fromUri(url.startsWith("postgres://") ? "postgresql://" + url.substring(11) : url);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("history store: is not a valid PostgreSQL URL");
    }
    connect.setReconnectAttempts(0);
    Map<String, String> properties = new HashMap<>(connect.getProperties());
    properties.putIfAbsent("application_name", "health-service-history");
    // No NOTICE for every CREATE ... IF NOT EXISTS of a replica that finds the tables there.
    properties.put("client_min_messages", "warning");
    // The server ends a statement a little after the client gave up on it: nothing runs on unobserved.
    properties.put("statement_timeout", String.valueOf(timeoutMs + 1000));
    connect.setProperties(properties);
    SslMode mode = connect.getSslMode();
    if (mode != null && mode != SslMode.DISABLE) {
      ClientSSLOptions ssl = new ClientSSLOptions();
      // libpq's sslmode: require (or weaker) encrypts without verifying; verify-ca / verify-full use the JVM's CAs.
      ssl.setTrustAll(mode == SslMode.REQUIRE || mode == SslMode.PREFER || mode == SslMode.ALLOW);
      ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
      connect.setSslOptions(ssl);
    }
    return connect;
  }

  /** {@code work} in a transaction on a pooled connection, failed with a timeout past the bound. */
  <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return inTransaction(work, timeoutMs);
  }

  /** The same with a longer bound, for the reads and the downsampling that scan days of rows. */
  <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work, long boundMs) {
    Future<T> done = pool().withTransaction(c -> boundMs == timeoutMs ? work.apply(c)
      : c.query("SET LOCAL statement_timeout = " + (boundMs + 1000)).execute().compose(v -> work.apply(c)));
    return done.timeout(boundMs, TimeUnit.MILLISECONDS).onFailure(e -> reset());
  }

  private synchronized Pool pool() {
    if (pool == null) {
      // No wait timeout of the pool's own: the bound above covers the wait, and a pool closed (reset) while its
      // wait timer runs throws in Vert.x 5.0.10's pool.
      PoolOptions poolOptions = new PoolOptions().setMaxSize(2).setMaxWaitQueueSize(4).setName("health-history")
        .setConnectionTimeout(0).setShared(false);
      NetClientOptions net = new NetClientOptions().setConnectTimeout((int) timeoutMs).setTcpKeepAlive(true);
      pool = PgBuilder.pool().with(poolOptions).with(net).connectingTo(connect).using(vertx).build();
    }
    return pool;
  }

  /** Drops the pool after a failure: its connections may be stuck or broken. */
  synchronized void reset() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
  }

  synchronized Future<Void> close() {
    Pool p = pool;
    pool = null;
    return p == null ? Future.succeededFuture() : p.close().timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
