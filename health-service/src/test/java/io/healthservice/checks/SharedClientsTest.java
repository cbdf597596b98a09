package io.healthservice.checks;

import io.healthservice.DependencyCheck;
import io.healthservice.postgres.DatabaseCheck;
import io.healthservice.redis.RedisCheck;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.RealServers;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks over the application's own clients: they see what the application sees, and say when its pool is full. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedClientsTest {

  private static final long BUDGET = 2000;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static Pool pool(String url, int size) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(size)).connectingTo(PgConnectOptions.fromUri(url))
      .using(vertx).build();
  }

  /**
   * The check's reason once it says "connection refused" (at most 2 s): the proxy stops listening
   * asynchronously, and a connect in flight meanwhile is accepted, then cut.
   */
  private static String refusedWithin(DependencyCheck check) throws Exception {
    long deadline = System.nanoTime() + 2_000_000_000L;
    String reason = CheckRuns.reason(vertx, check, BUDGET);
    while (!"connection refused".equals(reason) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      reason = CheckRuns.reason(vertx, check, BUDGET);
    }
    return reason;
  }

  @Test
  void anExhaustedApplicationPoolIsToldApartFromARefusingServer() throws Exception {
    Pool pool = pool(RealServers.DATABASE_URL, 1);
    try {
      pool.query("SELECT 1").execute().await(10, TimeUnit.SECONDS); // an application's pool is warm
      DependencyCheck check = DatabaseCheck.using(vertx, "database", pool, true);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).as("a primary, writable").isNull();
      SqlConnection held = pool.getConnection().await(10, TimeUnit.SECONDS); // the application's only connection, busy
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isEqualTo("pool exhausted: no free connection within 1600 ms (1 open)");
      held.close().await(10, TimeUnit.SECONDS);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).as("the connection is back").isNull();
      check.close().await(10, TimeUnit.SECONDS);
      assertThat(pool.query("SELECT 1").execute().await(10, TimeUnit.SECONDS).size())
        .as("the application's pool is never closed by the check").isEqualTo(1);
    } finally {
      pool.close().await(10, TimeUnit.SECONDS);
    }
    try (TcpProxy proxy = TcpProxy.start(vertx, RealServers.host(RealServers.DATABASE_URL), RealServers.port(RealServers.DATABASE_URL))) {
      Pool refused = pool(RealServers.via(RealServers.DATABASE_URL, proxy.port()), 1);
      proxy.set(TcpProxy.Mode.REFUSE);
      assertThat(refusedWithin(DatabaseCheck.using(vertx, "database", refused, false))).isEqualTo("connection refused");
      refused.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void theApplicationsRedisClientOrApiIsPingedAndNeverClosed() throws Exception {
    Redis client = Redis.createClient(vertx, RealServers.REDIS_URL);
    try {
      DependencyCheck viaClient = RedisCheck.using("redis", client);
      DependencyCheck viaApi = RedisCheck.using("redis", RedisAPI.api(client));
      assertThat(CheckRuns.reason(vertx, viaClient, BUDGET)).isNull();
      assertThat(CheckRuns.reason(vertx, viaApi, BUDGET)).isNull();
      viaClient.close().await(10, TimeUnit.SECONDS);
      assertThat(CheckRuns.reason(vertx, viaApi, BUDGET)).as("still the application's, still open").isNull();
    } finally {
      client.close();
    }
    try (TcpProxy proxy = TcpProxy.start(vertx, RealServers.host(RealServers.REDIS_URL), RealServers.port(RealServers.REDIS_URL))) {
      Redis refused = Redis.createClient(vertx, RealServers.via(RealServers.REDIS_URL, proxy.port()));
      proxy.set(TcpProxy.Mode.REFUSE);
      assertThat(refusedWithin(RedisCheck.using("redis", refused))).isEqualTo("connection refused");
      refused.close();
    }
  }
}
