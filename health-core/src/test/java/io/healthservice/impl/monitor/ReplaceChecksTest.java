package io.healthservice.impl.monitor;

import io.healthservice.CheckSettings;
import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthStatus;
import io.healthservice.MonitorListener;
import io.healthservice.Readiness;
import io.healthservice.support.FakeClock;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reload's diff on the fake clock: unchanged checks keep their state (no flap, no new run), new ones are
 * pending and count neither way until their first run, changed ones restart, removed ones are closed and gone.
 */
class ReplaceChecksTest {

  private static Vertx vertx;
  private final FakeClock clock = new FakeClock();
  private final List<String> removed = new ArrayList<>();

  @BeforeAll
  static void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static final CheckSettings EVERY_SECOND = CheckSettings.of(true, Duration.ofSeconds(1), Duration.ofMillis(500));

  private static DependencyGroup single(String name) {
    return new DependencyGroup(name, true, List.of(name));
  }

  private HealthMonitor started(FakeCheck... checks) {
    List<DependencyGroup> groups = new ArrayList<>();
    List<MonitoredCheck> monitored = new ArrayList<>();
    for (FakeCheck check : checks) {
      groups.add(single(check.name()));
      monitored.add(new MonitoredCheck(check, EVERY_SECOND));
    }
    HealthMonitor monitor = new HealthMonitor(vertx, clock, groups, monitored);
    monitor.addListener(new MonitorListener() {
      @Override
      public void onResult(CheckState previous, CheckState current, io.healthservice.CheckFailure failure) {
      }

      @Override
      public void onRemoved(String name) {
        removed.add(name);
      }
    });
    monitor.start();
    return monitor;
  }

  @Test
  void unchangedChecksKeepTheirStateNewOnesArePendingAndRemovedOnesAreClosed() {
    FakeCheck db = new FakeCheck("database").healthy();
    FakeCheck cache = new FakeCheck("cache").healthy();
    HealthMonitor monitor = started(db, cache);
    CheckState dbBefore = monitor.snapshot().checks().get("database");
    assertThat(dbBefore.reported()).isEqualTo(CheckState.Reported.UP);
    HealthChecks stock = monitor.healthChecks();

    FakeCheck search = new FakeCheck("search").manual();
    monitor.replace(List.of(single("database"), single("search")),
      List.of(new MonitoredCheck(db, EVERY_SECOND), new MonitoredCheck(search, EVERY_SECOND)));

    assertThat(monitor.snapshot().checks().get("database")).isSameAs(dbBefore); // no flap, no extra run
    assertThat(db.pings()).isEqualTo(1);
    assertThat(monitor.snapshot().checks()).doesNotContainKey("cache");
    assertThat(cache.closes()).isEqualTo(1);
    assertThat(removed).containsExactly("cache");
    // The new check runs at once; until it answers it counts neither way: still started, still ok.
    assertThat(search.pings()).isEqualTo(1);
    assertThat(monitor.snapshot().checks().get("search").reported()).isEqualTo(CheckState.Reported.PENDING);
    assertThat(monitor.snapshot().started()).isTrue();
    assertThat(Readiness.status(monitor.snapshot(), clock.nanoTime())).isEqualTo(HealthStatus.OK);
    assertThat(stock.checkStatus("cache").otherwise(e -> null).result()).isNull();

    search.fail(new java.net.ConnectException("refused"));
    assertThat(monitor.snapshot().checks().get("search").reported()).isEqualTo(CheckState.Reported.DOWN);
    assertThat(Readiness.status(monitor.snapshot(), clock.nanoTime())).isEqualTo(HealthStatus.ERROR);
    clock.advance(1000);
    assertThat(db.pings()).isEqualTo(2); // the unchanged check kept its schedule
  }

  @Test
  void aCheckWithNewSettingsRestartsAndTheOldObjectIsClosed() {
    FakeCheck db = new FakeCheck("database").healthy();
    HealthMonitor monitor = started(db);
    FakeCheck replacement = new FakeCheck("database").manual();
    CheckSettings slower = CheckSettings.of(true, Duration.ofSeconds(30), Duration.ofSeconds(2));
    monitor.replace(List.of(single("database")), List.of(new MonitoredCheck(replacement, slower)));
    assertThat(db.closes()).isEqualTo(1);
    assertThat(replacement.pings()).isEqualTo(1);
    assertThat(monitor.snapshot().checks().get("database").reported()).isEqualTo(CheckState.Reported.PENDING);
    replacement.succeed();
    assertThat(monitor.snapshot().checks().get("database").reported()).isEqualTo(CheckState.Reported.UP);
    clock.advance(5000);
    assertThat(db.pings()).isEqualTo(1); // the old one never runs again
    assertThat(replacement.pings()).isEqualTo(1); // and the new one keeps its 30 s interval
  }

  @Test
  void aLateAnswerOfAReplacedCheckIsIgnored() {
    FakeCheck db = new FakeCheck("database").manual();
    HealthMonitor monitor = started(db);
    db.succeed();
    clock.advance(1000); // a second run, still in flight
    FakeCheck replacement = new FakeCheck("database").manual();
    monitor.replace(List.of(single("database")), List.of(new MonitoredCheck(replacement, EVERY_SECOND)));
    db.fail(new java.net.ConnectException("refused"));
    assertThat(monitor.snapshot().checks().get("database").reported()).isEqualTo(CheckState.Reported.PENDING);
  }
}
