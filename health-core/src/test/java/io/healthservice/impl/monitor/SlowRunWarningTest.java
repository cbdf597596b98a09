package io.healthservice.impl.monitor;

import io.healthservice.CheckSettings;
import io.healthservice.CheckState;
import io.healthservice.CheckWarning;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthStatus;
import io.healthservice.Readiness;
import io.healthservice.support.FakeClock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code warn_after}: slow is a warning, never a failure; the timeout still fails the run. On the fake clock. */
class SlowRunWarningTest {

  private static Vertx vertx;
  private final FakeClock clock = new FakeClock();
  private final FakeCheck db = new FakeCheck("database").manual();

  @BeforeAll
  static void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private HealthMonitor started() {
    CheckSettings settings = CheckSettings.of(true, Duration.ofSeconds(5), Duration.ofSeconds(2))
      .withWarnAfter(Duration.ofMillis(300));
    HealthMonitor monitor = new HealthMonitor(vertx, clock, List.of(new DependencyGroup("database", true,
      List.of("database"))), List.of(new MonitoredCheck(db, settings)));
    monitor.start();
    return monitor;
  }

  @Test
  void aRunSlowerThanWarnAfterIsUpWithTheWarningSlow() {
    HealthMonitor monitor = started();
    clock.advance(412);
    db.succeed();
    CheckState state = monitor.snapshot().checks().get("database");
    assertThat(state.reported()).isEqualTo(CheckState.Reported.UP);
    assertThat(state.warnings()).containsExactly(new CheckWarning("slow", "slow: 412 ms > 300 ms"));
    assertThat(Readiness.status(monitor.snapshot(), clock.nanoTime())).isEqualTo(HealthStatus.OK);

    clock.advance(5000 - 412); // the next run, fast: the warning goes
    clock.advance(10);
    db.succeed();
    assertThat(monitor.snapshot().checks().get("database").warnings()).isEmpty();
  }

  @Test
  void theTimeoutStillFailsTheRunAndAFailedRunCarriesNoSlowWarning() {
    HealthMonitor monitor = started();
    clock.advance(2000);
    CheckState state = monitor.snapshot().checks().get("database");
    assertThat(state.reported()).isEqualTo(CheckState.Reported.DOWN);
    assertThat(state.reason()).isEqualTo("timeout after 2000 ms");
    assertThat(state.warnings()).isEmpty();
  }

  @Test
  void warnAfterMustBeBelowTheTimeout() {
    assertThatThrownBy(() -> CheckSettings.of(true, Duration.ofSeconds(5), Duration.ofSeconds(2))
      .withWarnAfter(Duration.ofSeconds(2))).isInstanceOf(IllegalArgumentException.class);
  }
}
