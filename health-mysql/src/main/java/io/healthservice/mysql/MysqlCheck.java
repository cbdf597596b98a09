package io.healthservice.mysql;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.FailureKind;
import io.healthservice.kit.Secrets;
import io.healthservice.kit.Target;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mysqlclient.MySQLBuilder;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;

import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * MySQL/MariaDB: {@code SELECT 1} over a one-connection vertx-mysql-client pool, replaced once older than the
 * target's connection age. With {@code expectWritable} the same round trip reads {@code @@global.read_only}:
 * a read-only server (a replica, a failed-over primary) is down for an application that writes.
 *
 * <p>{@code super_read_only} is not asked: MySQL turns {@code read_only} on whenever it is on, and MariaDB has
 * no such variable (asking would fail with error 1193 there), so {@code read_only} alone answers on both.
 */
public final class MysqlCheck extends ClientCheck<Pool> {

  private final Vertx vertx;
  private final String name;
  private final Target target;
  private final boolean expectWritable;
  private final MySQLConnectOptions connect;
  private final long maxAgeNanos;
  /** When the pool in use was created: it is replaced once older than the connection age. */
  private volatile long connectedAt;

  /** @param expectWritable a server with {@code read_only} on is down: an application that writes cannot work */
  public MysqlCheck(Vertx vertx, String name, Target target, boolean expectWritable) {
    super(name, Secrets.maskUrl(Objects.requireNonNull(target, "target").url()));
    this.expectWritable = expectWritable;
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
    this.connect = connectOptions(target);
    this.maxAgeNanos = target.maxConnectionAge().toNanos();
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  /** Only a new connection shows whether the server still accepts them. */
  @Override
  protected boolean reusable(Pool pool, CheckContext context) {
    return System.nanoTime() - connectedAt < maxAgeNanos;
  }

  @Override
  protected Pool open(CheckContext context) {
    connectedAt = System.nanoTime();
    return createPool(context.clientLimitMillis());
  }

  @Override
  protected Future<Void> ping(Pool used, CheckContext context) {
    String sql = expectWritable ? "SELECT 1, @@global.read_only" : "SELECT 1";
    Future<Void> result = used.query(sql).execute()
      .recover(error -> Future.failedFuture(MysqlErrors.classify(error)))
      .compose(this::judge);
    // Age zero: hold no connection between runs; a late end never closes a newer pool.
    return maxAgeNanos == 0 ? result.eventually(() -> drop(used)) : result;
  }

  private Future<Void> judge(RowSet<Row> rows) {
    Iterator<Row> it = rows.iterator();
    Row row = it.hasNext() ? it.next() : null;
    CheckFailure failure = row == null
      ? new CheckFailure(FailureKind.ERROR, "unexpected reply to SELECT 1")
      : judge(row.getValue(0), expectWritable ? row.getValue(1) : null, expectWritable);
    return failure == null ? Future.succeededFuture() : Future.failedFuture(failure);
  }

  /** The decision on one row: {@code null} when healthy. Package-private for a test with a fake row. */
  static CheckFailure judge(Object one, Object readOnly, boolean expectWritable) {
    if (!(one instanceof Number n) || n.longValue() != 1) {
      return new CheckFailure(FailureKind.ERROR, "unexpected reply to SELECT 1");
    }
    return expectWritable && isOn(readOnly) ? new CheckFailure(FailureKind.ERROR, "server is read-only") : null;
  }

  /** {@code read_only} is 0/1 on MySQL and MariaDB 10; newer MariaDB may answer it as a word (OFF, ON, ...). */
  static boolean isOn(Object value) {
    if (value == null) {
      return false;
    }
    if (value instanceof Number n) {
      return n.longValue() != 0;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String word = value.toString().trim().toUpperCase(Locale.ROOT);
    return !(word.isEmpty() || word.equals("0") || word.equals("OFF") || word.equals("FALSE"));
  }

  /** The client has no per-query timeout: closing the pool is what frees a socket stuck on a hung server. */
  @Override
  protected Future<Void> release(Pool pool) {
    return pool.close();
  }

  private Pool createPool(int limitMs) {
    int ms = Math.max(1, limitMs);
    PoolOptions options = new PoolOptions().setMaxSize(1).setMaxWaitQueueSize(2)
      .setConnectionTimeout(ms).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS).setName("health-check-mysql-" + name);
    NetClientOptions net = new NetClientOptions().setConnectTimeout(ms).setTcpKeepAlive(true);
    return MySQLBuilder.pool().with(options).with(net).connectingTo(connect).using(vertx).build();
  }

  private static MySQLConnectOptions connectOptions(Target target) {
    MySQLConnectOptions options;
    try {
      options = MySQLConnectOptions.fromUri(target.url());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid MySQL URL (not shown: it may hold a password)");
    }
    target.password().ifPresent(options::setPassword);
    options.setReconnectAttempts(0);
    target.caFile().ifPresent(ca -> options.setSslMode(SslMode.VERIFY_CA)
      .setSslOptions(new ClientSSLOptions().setTrustOptions(new PemTrustOptions().addCertPath(ca))));
    return options;
  }
}
