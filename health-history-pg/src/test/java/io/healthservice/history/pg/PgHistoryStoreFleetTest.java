package io.healthservice.history.pg;

import io.healthservice.history.pg.impl.PgStore;
import io.healthservice.status.HistoryStore.Fleet;
import io.healthservice.status.HistoryStore.FleetCheck;
import io.healthservice.status.HistoryStore.Minute;
import io.healthservice.support.FakeClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.healthservice.history.pg.Stores.NOW_MINUTE;
import static io.healthservice.history.pg.Stores.await;
import static io.healthservice.history.pg.Stores.change;
import static io.healthservice.history.pg.Stores.down;
import static io.healthservice.history.pg.Stores.maintenance;
import static io.healthservice.history.pg.Stores.minutes;
import static io.healthservice.history.pg.Stores.states;
import static io.healthservice.history.pg.Stores.stop;
import static io.healthservice.history.pg.Stores.store;
import static io.healthservice.history.pg.Stores.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Replicas writing into one store and reading the same fleet: schema, majority rule, maintenance, restart. */
class PgHistoryStoreFleetTest {

  private static Vertx vertx;
  private static TestDatabase db;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    db = TestDatabase.create();
  }

  @AfterAll
  static void tearDown() {
    try {
      await(vertx.close()); // the stores' connections first
    } finally {
      db.close(); // DROP DATABASE ... WITH (FORCE): the shared Postgres as it was found
    }
  }

  @Test
  void replicasStartingAtOnceCreateTheSchemaOnce() {
    try (TestDatabase fresh = TestDatabase.create()) {
      FakeClock clock = new FakeClock();
      PgStore[] stores = new PgStore[4];
      Future<?>[] starts = new Future<?>[stores.length];
      for (int i = 0; i < stores.length; i++) {
        stores[i] = Stores.store(vertx, PgHistoryOptions.of(fresh.url(), "svc", "r" + i).withClock(clock)
          .withQueryTimeout(java.time.Duration.ofSeconds(5)));
        starts[i] = stores[i].start();
      }
      await(Future.all(java.util.List.of(starts)));
      for (PgStore s : stores) {
        assertThat(s.status().up()).as("every replica reached the store").isTrue();
      }
      assertThat(fresh.sql("SELECT string_agg(version::text, ',') FROM health_history_schema")).isEqualTo("1");
      assertThat(fresh.count("SELECT count(*) FROM health_history_instances WHERE service = 'svc'")).isEqualTo(4);
      stop(stores);
    }
  }

  @Test
  void theFleetIsEveryLiveReplicasViewAndAMinuteIsDownWhenMostReplicasSawItDown() {
    FakeClock clock = new FakeClock();
    PgStore a = store(vertx, db.url(), "majority", "a", clock);
    PgStore b = store(vertx, db.url(), "majority", "b", clock);
    PgStore c = store(vertx, db.url(), "majority", "c", clock);
    await(Future.all(a.start(), b.start(), c.start()));
    long m = NOW_MINUTE;
    // -5: a down, b up, c silent: 1 of 2 is not more than half: up. -4: 2 of 3 down: down.
    // -3: 2 of 3 in maintenance: left out. -2: all up.
    a.offer(minutes("a", down("db", m - 5), down("db", m - 4), maintenance("db", m - 3), up("db", m - 2)));
    b.offer(minutes("b", up("db", m - 5), down("db", m - 4), maintenance("db", m - 3), up("db", m - 2)));
    c.offer(minutes("c", up("db", m - 4), up("db", m - 3), up("db", m - 2)));
    a.offer(states("a", "down", "db"));
    a.offer(change("a", "db", FakeClock.START.minusSeconds(290), "ok", "down"));
    b.offer(states("b", "ok", "db"));
    c.offer(states("c", "ok", "db"));
    await(Future.all(a.flush(), b.flush(), c.flush()));
    await(a.housekeep()); // the slots the long windows are read from

    for (PgStore reader : new PgStore[] {a, b, c}) {
      await(reader.refreshAll());
      Fleet fleet = reader.fleet().orElseThrow();
      assertThat(fleet.instances()).containsOnlyKeys("a", "b", "c");
      FleetCheck db = fleet.checks().get("db");
      assertThat(db.states()).containsEntry("a", "down").containsEntry("b", "ok").containsEntry("c", "ok");
      // counted: -5 (up), -4 (down), -2 (up): 2 of 3 up.
      for (String window : new String[] {"1h", "24h", "7d", "30d", "90d"}) {
        assertThat(db.uptime().get(window)).as(window).isCloseTo(200.0 / 3, within(0.01));
      }
      assertThat(db.bars()).hasSize(144);
      assertThat(db.bars().get(143)).as("08:00-08:10: no data yet").isEqualTo(-1.0);
      assertThat(db.bars().get(142)).as("07:50-08:00").isCloseTo(1.0 / 3, within(0.001));
      assertThat(db.bars().get(0)).isEqualTo(-1.0);
      assertThat(db.latencyAvgMs()).isGreaterThan(0);
      assertThat(db.transitions()).hasSize(1);
      assertThat(db.transitions().get(0).instance()).isEqualTo("a");
      assertThat(db.transitions().get(0).change().reason()).isEqualTo("connection refused");
    }
    stop(a, b, c);
  }

  @Test
  void aBarAllInMaintenanceSaysSoAndAReplicaGoneQuietLeavesTheStates() {
    FakeClock clock = new FakeClock();
    PgStore a = store(vertx, db.url(), "quiet", "a", clock);
    PgStore b = store(vertx, db.url(), "quiet", "b", clock);
    await(Future.all(a.start(), b.start()));
    a.offer(minutes("a", maintenance("db", NOW_MINUTE - 15)));
    a.offer(states("a", "ok", "db"));
    b.offer(states("b", "ok", "db"));
    await(Future.all(a.flush(), b.flush()));
    await(b.close());
    clock.advance(61_000); // b's last write is now outside the 60 s live window
    await(a.flush());
    await(a.refreshAll());
    FleetCheck db = a.fleet().orElseThrow().checks().get("db");
    assertThat(db.states()).containsOnlyKeys("a");
    assertThat(db.bars().get(141)).as("07:40-07:50, all maintenance").isEqualTo(-2.0);
    assertThat(db.uptime()).as("no counted minute: no window").isEmpty();
    stop(a);
  }

  @Test
  void aRestartKeepsTheHistory() {
    FakeClock clock = new FakeClock();
    PgStore first = store(vertx, db.url(), "restart", "pod-1", clock);
    await(first.start());
    for (long m = NOW_MINUTE - 50; m < NOW_MINUTE; m++) {
      first.offer(minutes("pod-1", m % 10 == 0 ? down("api", m) : up("api", m)));
    }
    first.offer(states("pod-1", "ok", "api"));
    await(first.close());

    PgStore second = store(vertx, db.url(), "restart", "pod-2", clock);
    await(second.start());
    second.offer(states("pod-2", "ok", "api"));
    await(second.flush());
    await(second.refreshAll());
    FleetCheck api = second.fleet().orElseThrow().checks().get("api");
    assertThat(api.uptime().get("1h")).isCloseTo(90.0, within(0.01));
    assertThat(api.states()).containsKeys("pod-1", "pod-2");
    stop(second);
  }

  @Test
  void aBatchTheTablesRefuseIsDroppedNotRetriedForever() {
    FakeClock clock = new FakeClock();
    PgStore a = store(vertx, db.url(), "refused", "a", clock);
    await(a.start());
    a.offer(minutes("a", up("db", 4_000_000_000_000L))); // a year past timestamptz's range: a data error
    await(a.flush());
    assertThat(a.status().up()).isTrue();
    assertThat(a.status().dropped()).isEqualTo(1);
    assertThat(a.status().buffered()).isZero();
    a.offer(minutes("a", up("db", NOW_MINUTE - 1)));
    await(a.flush());
    assertThat(db.count("SELECT count(*) FROM health_history_minutes WHERE service = 'refused'")).isEqualTo(1);
    stop(a);
  }

  @Test
  void atMostTheTwentyLatestTransitionsNewestFirstAndTheHoursMeanLatency() {
    FakeClock clock = new FakeClock();
    PgStore a = store(vertx, db.url(), "latest", "a", clock);
    PgStore b = store(vertx, db.url(), "latest", "b", clock);
    await(Future.all(a.start(), b.start()));
    for (int i = 0; i < 25; i++) {
      PgStore s = i % 2 == 0 ? a : b;
      s.offer(change(i % 2 == 0 ? "a" : "b", "db", FakeClock.START.minusSeconds(1000 - i), i % 2 == 0 ? "ok" : "down",
        i % 2 == 0 ? "down" : "ok"));
    }
    a.offer(states("a", "down", "db"));
    b.offer(states("b", "ok", "db"));
    // latency: a 6000 ms over 6 runs, b 100 ms over 5 runs: 6100 / 11
    a.offer(minutes("a", down("db", NOW_MINUTE - 1)));
    b.offer(minutes("b", up("db", NOW_MINUTE - 1)));
    await(Future.all(a.flush(), b.flush()));
    await(a.refreshAll());
    FleetCheck check = a.fleet().orElseThrow().checks().get("db");
    assertThat(check.transitions()).hasSize(20);
    assertThat(check.transitions().get(0).change().at()).isEqualTo(FakeClock.START.minusSeconds(1000 - 24));
    assertThat(check.transitions().get(0).instance()).isEqualTo("a");
    assertThat(check.transitions().get(19).change().at()).isEqualTo(FakeClock.START.minusSeconds(1000 - 5));
    assertThat(check.latencyAvgMs()).isCloseTo(6100.0 / 11, within(0.001));
    stop(a, b);
  }

  @Test
  void theTimersFlushAndReadOnTheirOwn() throws InterruptedException {
    FakeClock clock = new FakeClock();
    PgStore a = store(vertx, db.url(), "timers", "a", clock);
    await(a.start());
    a.offer(minutes("a", up("db", NOW_MINUTE - 1)));
    a.offer(states("a", "ok", "db"));
    clock.advance(10_000); // the flush interval, and the refresh's: both fire, each runs in the background
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (a.fleet().map(f -> f.checks().containsKey("db")).orElse(false) == Boolean.FALSE) {
      assertThat(System.nanoTime()).as("the fleet shows the check within 20 s").isLessThan(deadline);
      Thread.sleep(50);
      clock.advance(10_000);
    }
    assertThat(a.status().buffered()).isZero();
    assertThat(db.count("SELECT count(*) FROM health_history_minutes WHERE service = 'timers'")).isEqualTo(1);
    stop(a);
  }

  /**
   * A process restarted under the same name within a minute (a container restart in its pod): the predecessor
   * wrote the minute's first part at its shutdown, the new process writes the rest; both parts count. Without this
   * the new row replaced the old, and an outage seen just before a restart vanished from the store.
   */
  @Test
  void aRestartWithinAMinuteAddsToWhatThePredecessorSawInIt() {
    FakeClock clock = new FakeClock();
    PgStore before = store(vertx, db.url(), "same-minute", "pod-1", clock);
    await(before.start());
    before.offer(minutes("pod-1", new Minute("api", NOW_MINUTE, 4, 3, 0, 900, 1000, 4, 5_000, 30_000, 0)));
    await(before.close());

    PgStore after = store(vertx, db.url(), "same-minute", "pod-1", clock);
    await(after.start());
    after.offer(minutes("pod-1", new Minute("api", NOW_MINUTE, 2, 0, 0, 20, 30, 2, 20_000, 0, 0)));
    // A later minute is this process's alone: written as it is.
    after.offer(minutes("pod-1", up("api", NOW_MINUTE + 1)));
    await(after.flush());
    assertThat(db.sql("SELECT runs || ' ' || failures || ' ' || latency_max_ms || ' ' || latency_sum_ms || ' ' || up_ms"
      + " || ' ' || down_ms FROM health_history_minutes WHERE service = 'same-minute' ORDER BY minute").trim())
      .isEqualTo("6 3 900 1030 25000 30000\n6 0 20 100 60000 0");
    stop(after);
  }
}
