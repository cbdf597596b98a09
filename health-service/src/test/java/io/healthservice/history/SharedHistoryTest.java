package io.healthservice.history;

import io.healthservice.support.Exec;
import io.healthservice.support.Exposition;
import io.healthservice.support.RunningService;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas of the service sharing one history store (a database of this test's own on the real Postgres,
 * behind a proxy the test controls): both show the same fleet, an outage seen by both, a restarted replica keeps
 * the history, and a store outage only makes the pages say so (probes, checks and /metrics carry on).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SharedHistoryTest extends ServiceTest {

  private final String database = "history_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private TcpProxy store;
  private RunningService a;
  private RunningService b;

  @BeforeEach
  void createStore() throws Exception {
    psql("postgres", "CREATE DATABASE " + database);
    store = TcpProxy.start(vertx, "127.0.0.1", 5432);
  }

  @AfterEach
  void dropStore() throws Exception {
    try {
      for (RunningService replica : new RunningService[] {a, b}) {
        if (replica != null) {
          replica.close();
        }
      }
      if (store != null) {
        store.close();
      }
    } finally {
      // The shared Postgres is left as it was found, whatever failed above.
      psql("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Test
  void replicasShareTheFleetKeepItAcrossARestartAndSurviveAStoreOutage() throws Exception {
    a = replica("replica-a");
    b = replica("replica-b");
    for (RunningService replica : List.of(a, b)) {
      replica.await("/health/history", p -> fleetStates(p.json(), "redis").equals(
        new JsonObject().put("replica-a", "ok").put("replica-b", "ok")), Duration.ofSeconds(40), 2000);
    }
    assertThat(a.get("/health/history").json().getJsonObject("store").getJsonArray("replicas"))
      .containsExactly("replica-a", "replica-b");

    // Redis fails for both: each page says so for the whole fleet, and both pages agree.
    fixture.redis.set(Mode.REFUSE);
    for (RunningService replica : List.of(a, b)) {
      replica.await("/health/history", p -> fleetStates(p.json(), "redis").equals(
        new JsonObject().put("replica-a", "down").put("replica-b", "down")), Duration.ofSeconds(30), 2000);
    }
    assertThat(b.get("/status").body()).contains("replica-a").contains("redis");
    fixture.redis.set(Mode.FORWARD);
    for (RunningService replica : List.of(a, b)) {
      replica.await("/health/history", p -> fleetStates(p.json(), "redis").getString("replica-b", "").equals("ok")
        && fleetStates(p.json(), "redis").getString("replica-a", "").equals("ok"), Duration.ofSeconds(30), 2000);
    }
    assertThat(fleet(a.get("/health/history").json())).isEqualTo(fleet(b.get("/health/history").json()));

    // A restart (a rollout) keeps the history: the new process shows the outage it did not see itself.
    a.close();
    a = replica("replica-a");
    RunningService.Probe page = a.await("/status", p -> p.body().contains("on replica-b") && p.body().contains("Down"),
      Duration.ofSeconds(30), 2000);
    assertThat(page.body()).contains("on replica-a");
    assertThat(a.get("/health/history").json().getJsonObject("checks").getJsonObject("redis")
      .getJsonObject("fleet").getJsonObject("uptime").getDouble("24h")).isNotNull().isLessThanOrEqualTo(100.0);

    // The store goes away: the page says so, the metric too; probes and checks carry on; it catches up after.
    java.time.Instant outage = java.time.Instant.now();
    store.set(Mode.REFUSE);
    a.await("/health/history", p -> !p.json().getJsonObject("store").getBoolean("up"), Duration.ofSeconds(30), 2000);
    assertThat(a.get("/status").body()).contains("History store unreachable since");
    assertThat(new Exposition(a.get("/metrics").body()).value("health_history_store_up")).isEqualTo(0.0);
    RunningService.Probe health = a.get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.elapsedMs()).isLessThan(1000);
    fixture.redis.set(Mode.REFUSE);
    a.awaitDependency("redis", "error", Duration.ofSeconds(10));
    fixture.redis.set(Mode.FORWARD);
    a.awaitDependency("redis", "ok", Duration.ofSeconds(10));
    java.time.Instant back = java.time.Instant.now();
    store.set(Mode.FORWARD);
    a.await("/health/history", p -> p.json().getJsonObject("store").getBoolean("up")
      && p.json().getJsonObject("store").getLong("buffered") == 0, Duration.ofSeconds(40), 2000);
    assertThat(new Exposition(a.get("/metrics").body()).value("health_history_store_up")).isEqualTo(1.0);
    // What happened during the outage reached the store once it was back: replica-a's Redis going down and up.
    assertThat(psql(database, "SELECT string_agg(from_state || '>' || to_state, ',' ORDER BY at)"
      + " FROM health_history_transitions WHERE instance = 'replica-a' AND check_name = 'redis'"
      + " AND at BETWEEN '" + outage + "' AND '" + back + "'")).isEqualTo("ok>down,down>ok");
  }

  private RunningService replica(String instance) throws Exception {
    fixture.config.put("history", new JsonObject()
      .put("store", "postgresql://postgres@127.0.0.1:" + store.port() + "/" + database)
      .put("instance", instance).put("flush_interval", "1s"));
    fixture.config.put("details", new JsonObject().put("visibility", "always"));
    return fixture.start();
  }

  private static JsonObject fleetStates(JsonObject history, String check) {
    JsonObject fleet = history.getJsonObject("checks").getJsonObject(check).getJsonObject("fleet");
    return fleet == null ? new JsonObject() : fleet.getJsonObject("states");
  }

  /** What every replica should show alike: the replicas and each check's states across them. */
  private static JsonObject fleet(JsonObject history) {
    JsonObject out = new JsonObject().put("replicas", history.getJsonObject("store").getJsonArray("replicas"));
    JsonObject checks = history.getJsonObject("checks");
    for (String check : checks.fieldNames()) {
      out.put(check, fleetStates(history, check));
    }
    return out;
  }

  private static String psql(String db, String sql) {
    return Exec.ok(Duration.ofSeconds(60), List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
      "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-c", sql)).trim();
  }
}
