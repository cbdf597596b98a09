package io.healthservice.postgres.impl;

import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Target;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The database check's client: one small pool per host of its list, opened as the host search reaches it,
 * speaking only what poolers (PgBouncer, RDS Proxy, ...) accept. A check drops the whole set after a failed
 * run and opens a new one.
 */
public final class PostgresPools {

  /**
   * Startup parameters the check does not need. The client's defaults add {@code extra_float_digits},
   * which PgBouncer refuses unless {@code ignore_startup_parameters} lists it, and {@code DateStyle}; a
   * {@code SELECT 1} needs neither, and a pooler should see no more than it must. Parameters from the URL ({@code ?application_name=}, {@code options=}) stay.
   */
  private static final Set<String> DROPPED_DEFAULTS = Set.of("extra_float_digits", "DateStyle");
  private static final String CLIENT_DEFAULT_NAME = PgConnectOptions.DEFAULT_PROPERTIES.get("application_name");

  private final Vertx vertx;
  private final Target target;
  private final PostgresHostList hosts;
  private final int limitMs;
  private final PeerCertificates certificates;
  private final Pool[] pools;
  /** The host the latest run of this set chose, or -1. */
  private int chosen = -1;

  /** @param limitMs the pools' wait and connect limits: a little past the run's budget */
  public PostgresPools(Vertx vertx, Target target, PostgresHostList hosts, int limitMs, PeerCertificates certificates) {
    this.vertx = vertx;
    this.target = target;
    this.hosts = hosts;
    this.limitMs = limitMs;
    this.certificates = certificates;
    this.pools = new Pool[hosts.hosts().size()];
  }

  /** The pool of host {@code index}, opened on first use. */
  public Pool pool(int index) {
    if (pools[index] == null) {
      Target one = new Target(hosts.urlFor(hosts.hosts().get(index)), target.password(), target.caFile(),
        target.maxConnectionAge());
      pools[index] = create(vertx, one, limitMs, certificates);
    }
    return pools[index];
  }

  /** Closes the pool of host {@code index} (broken, hung, or not chosen): it is not reused. */
  public Future<Void> close(int index) {
    Pool old = pools[index];
    pools[index] = null;
    return old == null ? Future.succeededFuture() : old.close();
  }

  /** Keeps the pool of the chosen host only ({@code -1}: none). */
  public void keepOnly(int index) {
    for (int i = 0; i < pools.length; i++) {
      if (i != index) {
        close(i);
      }
    }
    chosen = index;
  }

  /** The host the latest run chose, or -1: where the next run's search starts. */
  public int chosen() {
    return chosen;
  }

  /** Closes every pool: the pg client has no per-query timeout, so this is what frees a socket stuck on a hung server. */
  public Future<Void> closeAll() {
    List<Future<Void>> closing = new ArrayList<>();
    for (int i = 0; i < pools.length; i++) {
      closing.add(close(i));
    }
    return Future.join(closing).mapEmpty();
  }

  static PgConnectOptions connectOptions(Target target, PeerCertificates certificates) {
    PgConnectOptions connect = PgConnectOptions.fromUri(PostgresUrls.withoutParameter(target.url(), "sslrootcert"))
      .setReconnectAttempts(0)
      // Simple-protocol queries only, no prepared-statement cache: safe through transaction-mode poolers.
      .setUseLayer7Proxy(true);
    Map<String, String> properties = new HashMap<>(connect.getProperties());
    properties.keySet().removeAll(DROPPED_DEFAULTS);
    if (CLIENT_DEFAULT_NAME.equals(properties.get("application_name")) || !properties.containsKey("application_name")) {
      properties.put("application_name", "health-service");
    }
    connect.setProperties(properties);
    target.password().ifPresent(connect::setPassword);
    // libpq's sslmode semantics: require encrypts without verifying (unless a root cert is given),
    // verify-ca checks the chain, verify-full also the host name.
    SslMode mode = connect.getSslMode();
    if (mode != SslMode.DISABLE) {
      ClientSSLOptions ssl = new ClientSSLOptions();
      // Either way the chain is recorded, for the certificate's expiry.
      boolean verify = target.caFile().isPresent()
        || !(mode == SslMode.REQUIRE || mode == SslMode.PREFER || mode == SslMode.ALLOW);
      ssl.setTrustOptions(verify ? certificates.verifying(target.caFile()) : certificates.trustingAll());
      ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
      connect.setSslOptions(ssl);
    }
    return connect;
  }

  private static Pool create(Vertx vertx, Target target, int limitMs, PeerCertificates certificates) {
    int ms = Math.max(1, limitMs);
    PoolOptions poolOptions = new PoolOptions()
      .setMaxSize(2)
      .setMaxWaitQueueSize(2)
      .setConnectionTimeout(ms)
      .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
      .setName("health-check-database");
    NetClientOptions net = new NetClientOptions()
      .setConnectTimeout(ms)
      .setTcpKeepAlive(true);
    return PgBuilder.pool().with(poolOptions).with(net).connectingTo(connectOptions(target, certificates)).using(vertx).build();
  }
}
