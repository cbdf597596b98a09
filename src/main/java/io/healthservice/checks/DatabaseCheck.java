package io.healthservice.checks;

import io.healthservice.config.ConfigLoader;
import io.healthservice.config.Secrets;
import io.healthservice.config.Target;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code SELECT 1} over a small vertx-pg-client pool that stays connected between runs. With
 * {@code expect_writable}, the same round trip also asks whether the server is a replica in recovery or
 * read-only, and reports that as down: an application that writes cannot work against it.
 */
public final class DatabaseCheck implements DependencyCheck {

  private final Vertx vertx;
  private final Target target;
  private final Duration timeout;
  private final boolean mustBeWritable;
  private Pool pool;

  public DatabaseCheck(Vertx vertx, Target target, Duration timeout, boolean mustBeWritable) {
    this.mustBeWritable = mustBeWritable;
    this.vertx = Objects.requireNonNull(vertx);
    this.target = Objects.requireNonNull(target);
    this.timeout = Objects.requireNonNull(timeout);
  }

  @Override
  public String name() {
    return "database";
  }

  @Override
  public String target() {
    return Secrets.maskUrl(target.url());
  }

  @Override
  public Future<Void> ping() {
    if (pool == null) {
      pool = createPool();
    }
    String sql = mustBeWritable
      ? "SELECT 1, pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'"
      : "SELECT 1";
    return pool.query(sql).execute().compose(rows -> {
      Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
      if (row == null || !Integer.valueOf(1).equals(row.getInteger(0))) {
        return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "unexpected reply to SELECT 1"));
      }
      if (mustBeWritable && Boolean.TRUE.equals(row.getBoolean(1))) {
        return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "server is read-only or in recovery"));
      }
      return Future.<Void>succeededFuture();
    });
  }

  @Override
  public Future<Void> reset() {
    // The pg client has no per-query timeout: closing the pool is what frees a socket stuck on a hung server.
    Pool old = pool;
    pool = null;
    return old == null ? Future.succeededFuture() : old.close();
  }

  @Override
  public Future<Void> close() {
    return reset();
  }

  private Pool createPool() {
    int ms = (int) Math.max(1, timeout.toMillis());
    PgConnectOptions connect = PgConnectOptions.fromUri(ConfigLoader.withoutParameter(target.url(), "sslrootcert"))
      .setReconnectAttempts(0)
      .addProperty("application_name", "health-service");
    target.password().ifPresent(connect::setPassword);
    // libpq's sslmode semantics: require encrypts without verifying (unless a root cert is given),
    // verify-ca checks the chain, verify-full also the host name.
    SslMode mode = connect.getSslMode();
    if (mode != SslMode.DISABLE) {
      ClientSSLOptions ssl = new ClientSSLOptions();
      if (target.caFile().isPresent()) {
        ssl.setTrustOptions(new PemTrustOptions().addCertPath(target.caFile().get()));
      } else if (mode == SslMode.REQUIRE || mode == SslMode.PREFER || mode == SslMode.ALLOW) {
        ssl.setTrustAll(true);
      }
      ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
      connect.setSslOptions(ssl);
    }
    PoolOptions poolOptions = new PoolOptions()
      .setMaxSize(2)
      .setMaxWaitQueueSize(2)
      .setConnectionTimeout(ms)
      .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
      // Rotate now and then so a DNS change (fail-over) is followed without a restart.
      .setMaxLifetime(30)
      .setMaxLifetimeUnit(TimeUnit.MINUTES)
      .setName("health-check-database");
    NetClientOptions net = new NetClientOptions()
      .setConnectTimeout(ms)
      .setTcpKeepAlive(true);
    return PgBuilder.pool().with(poolOptions).with(net).connectingTo(connect).using(vertx).build();
  }
}
