package io.healthservice.postgres.impl;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

import java.util.Objects;

/**
 * {@code SELECT 1} over the application's own pool, so the probe sees what the application sees: a pool
 * that hands out no connection within most of the budget is "pool exhausted", distinct from a server that
 * refuses. The pool is the application's: never reset, never closed here.
 */
public final class SharedPoolCheck implements DependencyCheck {

  /** The share of the budget a connection may take to come out of the pool before the pool is blamed. */
  private static final int ACQUIRE_SHARE_PERCENT = 80;

  private final String name;
  private final Pool pool;
  private final boolean mustBeWritable;

  public SharedPoolCheck(Vertx vertx, String name, Pool pool, boolean mustBeWritable) {
    Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.mustBeWritable = mustBeWritable;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return "the application's pool";
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    long acquireMs = context.shareMillis(ACQUIRE_SHARE_PERCENT);
    Future<SqlConnection> connection = pool.getConnection();
    Future<SqlConnection> acquired = StepTimeout.within(connection, acquireMs);
    connection.onSuccess(late -> {
      if (acquired.failed()) {
        late.close(); // came too late: back to the application
      }
    });
    return acquired.recover(error -> Future.failedFuture(blame(error, acquireMs)))
      .compose(used -> used.query(sql(mustBeWritable)).execute()
      .eventually(used::close)
      .compose(rows -> judge(rows.iterator().hasNext() ? rows.iterator().next() : null, mustBeWritable)))
      .recover(error -> Future.failedFuture(PostgresErrors.of(error)));
  }

  /** No connection out of the pool in time: the pool is blamed, not the server. */
  private CheckFailure blame(Throwable error, long acquireMs) {
    if (error instanceof CheckFailure timeout && timeout.kind() == FailureKind.TIMEOUT) {
      return new CheckFailure(FailureKind.TIMEOUT,
        "pool exhausted: no free connection within " + acquireMs + " ms (" + pool.size() + " open)");
    }
    return PostgresErrors.of(error);
  }

  /** The same question as the check's own pool asks (DatabaseCheck), with expect_writable's second column. */
  private static String sql(boolean mustBeWritable) {
    return mustBeWritable
      ? "SELECT 1, pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'"
      : "SELECT 1";
  }

  private static Future<Void> judge(Row row, boolean mustBeWritable) {
    if (row == null || !Integer.valueOf(1).equals(row.getInteger(0))) {
      return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "unexpected reply to SELECT 1"));
    }
    if (mustBeWritable && Boolean.TRUE.equals(row.getBoolean(1))) {
      return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "server is read-only or in recovery"));
    }
    return Future.succeededFuture();
  }
}
