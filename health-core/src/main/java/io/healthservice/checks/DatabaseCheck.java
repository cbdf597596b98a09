package io.healthservice.checks;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.impl.checks.ConnectionAge;
import io.healthservice.impl.checks.PeerCertificates;
import io.healthservice.impl.checks.PostgresPools;
import io.healthservice.impl.checks.PostgresUrls;
import io.healthservice.impl.checks.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code SELECT 1} over a small vertx-pg-client pool, replaced once it is older than the target's
 * {@code max_connection_age}. With {@code expect_writable}, the same round trip also asks whether the
 * server is a replica in recovery or read-only, and reports that as down: an application that writes
 * cannot work against it.
 */
public final class DatabaseCheck implements DependencyCheck {

  private final Vertx vertx;
  private final Target target;
  private final String name;
  private final boolean mustBeWritable;
  private final ConnectionAge age;
  private final PeerCertificates certificates = new PeerCertificates();
  private Pool pool;

  /** @param mustBeWritable {@code expect_writable}: a replica in recovery or a read-only server is down */
  public DatabaseCheck(Vertx vertx, String name, Target target, boolean mustBeWritable) {
    this.mustBeWritable = mustBeWritable;
    this.name = Objects.requireNonNull(name, "name");
    this.vertx = Objects.requireNonNull(vertx);
    this.target = Objects.requireNonNull(target);
    this.age = new ConnectionAge(target.maxConnectionAge());
  }

  /**
   * A check over the application's own {@code pool}, so the probe sees what the application sees; a pool
   * with no free connection within most of the budget is reported as "pool exhausted", not as the server.
   * The pool stays the application's: the check never resets or closes it.
   */
  public static DependencyCheck using(Vertx vertx, String name, Pool pool, boolean mustBeWritable) {
    return new io.healthservice.impl.checks.SharedPoolCheck(vertx, name, pool, mustBeWritable);
  }

  /**
   * Throws {@link IllegalArgumentException} (without the URL, which may hold a password) when the pg client
   * would not accept {@code url}, so a URL it cannot use fails at start, not at the first run.
   */
  public static void validateUrl(String url) {
    try {
      io.vertx.pgclient.PgConnectOptions.fromUri(PostgresUrls.withoutParameter(url, "sslrootcert"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a valid PostgreSQL URL");
    }
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return Secrets.maskUrl(target.url());
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    if (age.expired()) {
      // Only a new connection shows whether the server still accepts them.
      reset();
    }
    if (pool == null) {
      pool = PostgresPools.create(vertx, target, context.clientLimitMillis(), certificates);
      age.connected();
    }
    Pool used = pool;
    String sql = mustBeWritable
      ? "SELECT 1, pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'"
      : "SELECT 1";
    Future<Void> result = used.query(sql).execute().compose(rows -> {
      Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
      if (row == null || !Integer.valueOf(1).equals(row.getInteger(0))) {
        return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "unexpected reply to SELECT 1"));
      }
      if (mustBeWritable && Boolean.TRUE.equals(row.getBoolean(1))) {
        return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "server is read-only or in recovery"));
      }
      return Future.<Void>succeededFuture();
    });
    // max_connection_age 0: hold no connection between runs; a late end never closes a newer pool.
    return age.freshEveryRun() ? result.eventually(() -> pool == used ? reset() : Future.<Void>succeededFuture()) : result;
  }

  /** With sslmode other than disable. */
  @Override
  public Optional<Instant> certificateExpiry() {
    return certificates.notAfter();
  }

  @Override
  public Future<Void> reset() {
    // The pg client has no per-query timeout: closing the pool is what frees a socket stuck on a hung server.
    Pool old = pool;
    pool = null;
    age.closed();
    return old == null ? Future.succeededFuture() : old.close();
  }

  @Override
  public Future<Void> close() {
    return reset();
  }
}
