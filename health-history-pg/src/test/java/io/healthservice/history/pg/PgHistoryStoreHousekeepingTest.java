package io.healthservice.history.pg;

import io.healthservice.history.pg.impl.PgStore;
import io.healthservice.status.HistoryStore.FleetCheck;
import io.healthservice.status.HistoryStore.Minute;
import io.healthservice.support.FakeClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.healthservice.history.pg.Stores.NOW_MINUTE;
import static io.healthservice.history.pg.Stores.await;
import static io.healthservice.history.pg.Stores.change;
import static io.healthservice.history.pg.Stores.down;
import static io.healthservice.history.pg.Stores.maintenance;
import static io.healthservice.history.pg.Stores.states;
import static io.healthservice.history.pg.Stores.stop;
import static io.healthservice.history.pg.Stores.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Downsampling old minutes into hours by the same rule, and retention, on the fake clock. */
class PgHistoryStoreHousekeepingTest {

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

  private static PgStore store(String service, String instance, FakeClock clock, int retentionDays) {
    return Stores.store(vertx, PgHistoryOptions.of(db.url(), service, instance).withClock(clock)
      .withRetention(retentionDays, Duration.ofHours(48), Duration.ofMinutes(10)));
  }

  /** Per hour: minutes 0-5 down, 6-8 maintenance, the rest up: 51 of 57 counted minutes up. */
  private static List<Minute> pattern(String check, long hours) {
    List<Minute> ms = new ArrayList<>();
    for (long m = NOW_MINUTE - hours * 60; m < NOW_MINUTE; m++) {
      long inHour = Math.floorMod(m, 60);
      ms.add(inHour < 6 ? down(check, m) : inHour < 9 ? maintenance(check, m) : up(check, m));
    }
    return ms;
  }

  @Test
  void oldMinutesBecomeHoursAndTheUptimeStaysTheSame() {
    FakeClock clock = new FakeClock();
    PgStore a = store("downsample", "a", clock, 90);
    PgStore b = store("downsample", "b", clock, 90);
    await(Future.all(a.start(), b.start()));
    a.offer(new io.healthservice.status.HistoryStore.Batch("a", pattern("db", 72), List.of(), List.of()));
    b.offer(new io.healthservice.status.HistoryStore.Batch("b", pattern("db", 72), List.of(), List.of()));
    a.offer(states("a", "ok", "db"));
    b.offer(states("b", "ok", "db"));
    await(Future.all(a.flush(), b.flush()));
    await(Future.all(a.housekeep(), b.housekeep())); // one at a time: the other finds the lock taken
    await(a.housekeep());
    String cut = "timestamptz '" + FakeClock.START.minus(Duration.ofHours(48)) + "'";
    assertThat(db.count("SELECT count(*) FROM health_history_minutes WHERE service = 'downsample' AND minute < " + cut)).isZero();
    assertThat(db.count("SELECT count(*) FROM health_history_minutes WHERE service = 'downsample'")).isEqualTo(2 * 48 * 60);
    assertThat(db.sql("SELECT count(*), sum(minutes_counted), sum(minutes_down), sum(minutes_maintenance), sum(runs)"
      + " FROM health_history_hours WHERE service = 'downsample'")).isEqualTo("24|1368|144|72|17280");
    assertThat(db.sql("SELECT count(*), sum(minutes_counted), sum(minutes_down) FROM health_history_slots"
      + " WHERE service = 'downsample'")).as("48 h of slots: the catch-up's and the housekeeping's").isEqualTo("288|2736|288");

    await(a.refreshAll());
    FleetCheck after = a.fleet().orElseThrow().checks().get("db");
    // 7 d and more: 24 h of hours, 48 h of slots; 1 h: the minutes. All whole hours of the pattern.
    for (String window : new String[] {"1h", "7d", "30d", "90d"}) {
      assertThat(after.uptime().get(window)).as(window).isCloseTo(100.0 * 51 / 57, within(0.01));
    }
    // 24 h: the 144 bars, from 08:10 yesterday: 50 minutes up of hour 08, then 23 whole hours.
    assertThat(after.uptime().get("24h")).isCloseTo(100.0 * (23 * 51 + 50) / (23 * 57 + 50), within(0.01));
    stop(a, b);
  }

  @Test
  void retentionDeletesOldHoursTransitionsAndReplicas() {
    FakeClock clock = new FakeClock();
    PgStore a = store("retention", "a", clock, 3);
    await(a.start());
    a.offer(new io.healthservice.status.HistoryStore.Batch("a", pattern("db", 96), List.of(), List.of()));
    a.offer(change("a", "db", FakeClock.START.minus(Duration.ofDays(4)), "ok", "down"));
    a.offer(change("a", "db", FakeClock.START.minus(Duration.ofHours(1)), "down", "ok"));
    a.offer(states("a", "ok", "db"));
    await(a.flush());
    String eightDaysAgo = "timestamptz '" + FakeClock.START.minus(Duration.ofDays(8)) + "'";
    db.sql("INSERT INTO health_history_instances VALUES ('retention', 'gone', " + eightDaysAgo + ", " + eightDaysAgo + ", null)");
    db.sql("INSERT INTO health_history_states VALUES ('retention', 'gone', 'db', 'down', null, null, " + eightDaysAgo + ")");

    await(a.housekeep());
    String threeDaysAgo = "timestamptz '" + FakeClock.START.minus(Duration.ofDays(3)) + "'";
    assertThat(db.count("SELECT count(*) FROM health_history_hours WHERE service = 'retention' AND hour < " + threeDaysAgo)).isZero();
    assertThat(db.count("SELECT count(*) FROM health_history_hours WHERE service = 'retention'")).isEqualTo(24);
    assertThat(db.count("SELECT count(*) FROM health_history_transitions WHERE service = 'retention'")).isEqualTo(1);
    assertThat(db.sql("SELECT string_agg(instance, ',') FROM health_history_instances WHERE service = 'retention'")).isEqualTo("a");
    assertThat(db.sql("SELECT string_agg(instance, ',') FROM health_history_states WHERE service = 'retention'")).isEqualTo("a");
    stop(a);
  }
}
