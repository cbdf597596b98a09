package io.healthservice.postgres;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.kit.ConnectionAge;
import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Secrets;
import io.healthservice.kit.Target;
import io.healthservice.postgres.impl.HostSearch;
import io.healthservice.postgres.impl.PostgresErrors;
import io.healthservice.postgres.impl.PostgresHostList;
import io.healthservice.postgres.impl.PostgresPools;
import io.healthservice.postgres.impl.ServerRole;
import io.healthservice.postgres.impl.StepTimeout;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.Objects;
import java.util.logging.Logger;

/**
 * {@code SELECT 1} over a small vertx-pg-client pool, replaced once it is older than the target's
 * {@code max_connection_age}. With {@code expect_writable}, the same round trip also asks whether the
 * server is a replica in recovery or read-only, and reports that as down: an application that writes
 * cannot work against it.
 *
 * <p>A libpq host list ({@code postgresql://db1:5432,db2:5432/app?target_session_attrs=read-write}) is
 * walked by {@link HostSearch}, one small pool per host tried; the same round trip asks the role
 * ({@code pg_is_in_recovery()}, {@code transaction_read_only}: the Vert.x client does not expose the
 * {@code in_hot_standby} ParameterStatus). Only the chosen host's pool is kept, so after a switchover the
 * next run finds the new primary.
 */
public final class DatabaseCheck extends ClientCheck<PostgresPools> {

  private static final Logger LOG = Logger.getLogger("health.check.database");
  private static final String PLAIN = "SELECT 1";
  private static final String WITH_ROLE = "SELECT 1, pg_is_in_recovery(), current_setting('transaction_read_only')";

  private final Vertx vertx;
  private final Target target;
  private final String name;
  private final boolean mustBeWritable;
  private final ConnectionAge age;
  private final PeerCertificates certificates = new PeerCertificates();
  private final PostgresHostList hosts;
  private final HostSearch search;
  /** {@code host:port} the latest successful run used; null before one or after a failure. */
  private volatile String hostInUse;
  /** The host of the latest successful run, kept across failures for the log line of the next change. */
  private String lastHost;

  /** @param mustBeWritable {@code expect_writable}: a replica in recovery or a read-only server is down */
  public DatabaseCheck(Vertx vertx, String name, Target target, boolean mustBeWritable) {
    super(name, Secrets.maskUrl(Objects.requireNonNull(target, "target").url()));
    this.mustBeWritable = mustBeWritable;
    this.name = Objects.requireNonNull(name, "name");
    this.vertx = Objects.requireNonNull(vertx);
    this.target = Objects.requireNonNull(target);
    this.age = new ConnectionAge(target.maxConnectionAge());
    this.hosts = PostgresHostList.parse(target.url());
    this.search = new HostSearch(hosts.hosts(), hosts.attrs());
  }

  /**
   * A check over the application's own {@code pool}, so the probe sees what the application sees; a pool
   * with no free connection within most of the budget is reported as "pool exhausted", not as the server.
   * The pool stays the application's: the check never resets or closes it.
   */
  public static DependencyCheck using(Vertx vertx, String name, Pool pool, boolean mustBeWritable) {
    return new io.healthservice.postgres.impl.SharedPoolCheck(vertx, name, pool, mustBeWritable);
  }

  /**
   * Throws {@link IllegalArgumentException} (its message never holds the URL, which may hold a password)
   * when the URL's host list or {@code target_session_attrs} is malformed, or the pg client would not accept
   * one of its hosts' single-host URLs, so a URL it cannot use fails at start, not at the first run.
   */
  public static void validateUrl(String url) {
    PostgresHostList.validate(url);
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  /** Only a new connection shows whether the server still accepts them: an old set of pools is replaced. */
  @Override
  protected boolean reusable(PostgresPools pools, CheckContext context) {
    return !age.expired();
  }

  @Override
  protected PostgresPools open(CheckContext context) {
    age.connected();
    return new PostgresPools(vertx, target, hosts, context.clientLimitMillis(), certificates);
  }

  @Override
  protected Future<Void> ping(PostgresPools pools, CheckContext context) {
    if (hosts.hosts().size() > 1 && hostInUse != null) {
      context.server(hostInUse); // until this run chooses: a run that times out leaves the last host shown
    }
    long deadline = System.nanoTime() + context.budget().toNanos();
    int[] tried = {0};
    Future<Void> result = search.find(pools.chosen(), i -> probe(pools, i, deadline, tried[0]++))
      .andThen(ar -> keep(pools, context, ar.succeeded() ? ar.result() : null))
      // With sslmode other than disable.
      .andThen(ar -> certificates.notAfter().ifPresent(context::certificate))
      .compose(choice -> choice == null || !mustBeWritable || !choice.role().readOnly() && !choice.role().inRecovery()
        ? Future.<Void>succeededFuture()
        : Future.<Void>failedFuture(new CheckFailure(FailureKind.ERROR, "server is read-only or in recovery")))
      .recover(error -> Future.failedFuture(PostgresErrors.of(error)));
    // max_connection_age 0: hold no connection between runs; a late end never closes a newer set.
    return age.freshEveryRun() ? result.eventually(() -> drop(pools)) : result;
  }

  /** One host's round trip; with several hosts left to try, it gets an even share of what is left of the budget. */
  private Future<ServerRole> probe(PostgresPools pools, int index, long deadline, int tried) {
    if (!current(pools)) {
      return Future.failedFuture(new CheckFailure(FailureKind.TIMEOUT, "timeout"));
    }
    boolean asks = hosts.attrs().needsRole() || mustBeWritable;
    Future<ServerRole> answer = pools.pool(index).query(asks ? WITH_ROLE : PLAIN).execute().compose(rows -> {
      Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
      if (row == null || !Integer.valueOf(1).equals(row.getInteger(0))) {
        return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "unexpected reply to SELECT 1"));
      }
      return Future.succeededFuture(asks ? ServerRole.of(row, 1) : null);
    });
    int left = hosts.hosts().size() - tried;
    if (left > 1) {
      answer = StepTimeout.within(answer, Math.max(1, (deadline - System.nanoTime()) / 1_000_000 / left));
    }
    return answer.onFailure(e -> {
      if (current(pools)) {
        pools.close(index); // broken or hung: not to be reused
      }
    });
  }

  /** Keeps the chosen host's pool only (none after a failure); logs a change of host. */
  private void keep(PostgresPools pools, CheckContext context, HostSearch.Choice choice) {
    if (!current(pools)) {
      return;
    }
    pools.keepOnly(choice == null ? -1 : choice.index());
    String now = choice == null ? null : hosts.hosts().get(choice.index()).toString();
    if (now != null && !now.equals(lastHost) && !hosts.isPlain()) {
      LOG.info("check=" + name + " host=" + now + " target_session_attrs=" + hosts.attrs().text()
        + (lastHost == null ? "" : " was=" + lastHost));
    }
    lastHost = now == null ? lastHost : now;
    hostInUse = now;
    if (hosts.hosts().size() > 1) {
      context.server(now); // shown with ?verbose
    }
  }

  @Override
  protected Future<Void> release(PostgresPools pools) {
    age.closed();
    return pools.closeAll();
  }
}
