package io.healthservice.impl.checks;

import io.healthservice.checks.Target;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Builds the database check's small pool, speaking only what poolers (PgBouncer, RDS Proxy, ...) accept. */
public final class PostgresPools {

  /**
   * Startup parameters the check does not need. The client's defaults add {@code extra_float_digits},
   * which PgBouncer refuses unless {@code ignore_startup_parameters} lists it, and {@code DateStyle}; a
   * {@code SELECT 1} needs neither, and a pooler should see no more than it must. Parameters from the URL ({@code ?application_name=}, {@code options=}) stay.
   */
  private static final Set<String> DROPPED_DEFAULTS = Set.of("extra_float_digits", "DateStyle");
  private static final String CLIENT_DEFAULT_NAME = PgConnectOptions.DEFAULT_PROPERTIES.get("application_name");

  private PostgresPools() {
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

  /** @param limitMs the pool's wait and connect limits: a little past the run's budget */
  public static Pool create(Vertx vertx, Target target, int limitMs, PeerCertificates certificates) {
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
