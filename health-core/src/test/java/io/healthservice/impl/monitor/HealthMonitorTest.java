package io.healthservice.impl.monitor;

import io.healthservice.support.FakeClock;

import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.CheckState;
import io.healthservice.CheckWarning;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.HealthStatus;
import io.healthservice.MonitorListener;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's schedule, timeout, thresholds, staleness, back-off and listeners, driven by a fake clock
 * and a check the test answers by hand: no sleeps, no real timers.
 */
class HealthMonitorTest {

  /** Only for the HealthChecks object the monitor creates; none of its timers is used here. */
  private static Vertx vertx;

  private final FakeClock clock = new FakeClock();
  private final FakeCheck db = new FakeCheck("database");
  private final List<String> events = new ArrayList<>();

  @BeforeAll
  static void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static CheckSettings settings(long intervalMs, long timeoutMs, long maxAgeMs, int failureThreshold,
                                int successThreshold) {
    return new CheckSettings(true, Duration.ofMillis(intervalMs), Duration.ofMillis(timeoutMs),
      Duration.ofMillis(maxAgeMs), failureThreshold, successThreshold);
  }

  private HealthMonitor monitor(CheckSettings settings) {
    HealthMonitor monitor = new HealthMonitor(vertx, clock,
      List.of(new DependencyGroup("database", true, List.of("database"))), List.of(new MonitoredCheck(db, settings)));
    return monitor.addListener(new MonitorListener() {
      @Override
      public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
        events.add(previous.reported() + "->" + current.reported() + (failure == null ? "" : " " + failure.reason()));
      }

      @Override
      public void onStale(CheckState state) {
        events.add("stale after " + clock.elapsedMs() + " ms");
      }
    });
  }

  private static CheckState state(HealthMonitor monitor) {
    return monitor.snapshot().checks().get("database");
  }

  @Test
  void failureThresholdDampsFailuresAndSuccessThresholdDampsRecovery() {
    HealthMonitor monitor = monitor(settings(1000, 500, 5000, 3, 2));
    monitor.start();
    db.succeed();
    assertThat(state(monitor).reported()).isEqualTo(CheckState.Reported.UP);

    for (int failure = 1; failure <= 2; failure++) {
      clock.advance(1000);
      db.fail(new ConnectException("db.internal:5432"));
      assertThat(state(monitor).reported()).as("after failure %d of 3", failure).isEqualTo(CheckState.Reported.UP);
      assertThat(state(monitor).consecutiveFailures()).isEqualTo(failure);
    }
    clock.advance(1000);
    db.fail(new ConnectException("db.internal:5432"));
    assertThat(state(monitor).reported()).isEqualTo(CheckState.Reported.DOWN);
    assertThat(state(monitor).kind()).isEqualTo(FailureKind.REFUSED);
    assertThat(state(monitor).reason()).isEqualTo("connection refused");

    clock.advance(1000);
    db.succeed();
    assertThat(state(monitor).reported()).as("1 success of 2").isEqualTo(CheckState.Reported.DOWN);
    assertThat(state(monitor).reason()).as("keeps why it went down").isEqualTo("connection refused");
    clock.advance(1000);
    db.succeed();
    assertThat(state(monitor).reported()).isEqualTo(CheckState.Reported.UP);
    assertThat(state(monitor).reason()).isNull();
    assertThat(db.pings()).isEqualTo(6);
    assertThat(db.drops()).as("one drop per failed run").isEqualTo(3);
  }

  @Test
  void aHungPingTimesOutOnceAndRunsNeverOverlap() {
    HealthMonitor monitor = monitor(settings(1000, 2000, 5000, 1, 1));
    monitor.start();
    assertThat(db.pings()).isEqualTo(1);

    clock.advance(1999);
    assertThat(db.pings()).as("the interval passed, but the run has not ended").isEqualTo(1);
    assertThat(state(monitor).reported()).isEqualTo(CheckState.Reported.PENDING);
    assertThat(db.drops()).isZero();

    clock.advance(1);
    CheckState timedOut = state(monitor);
    assertThat(timedOut.reported()).isEqualTo(CheckState.Reported.DOWN);
    assertThat(timedOut.kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(timedOut.reason()).isEqualTo("timeout after 2000 ms");
    assertThat(timedOut.latencyMs()).isEqualTo(2000);
    assertThat(timedOut.checkedAt()).isEqualTo(FakeClock.START.plusMillis(2000));
    assertThat(db.drops()).isEqualTo(1);

    // The run took longer than the interval: the next one starts right away, and only then.
    assertThat(db.pings()).isEqualTo(1);
    clock.advance(1);
    assertThat(db.pings()).isEqualTo(2);
    db.succeed();
    assertThat(state(monitor).reported()).isEqualTo(CheckState.Reported.UP);
    assertThat(events).containsExactly("PENDING->DOWN timeout after 2000 ms", "DOWN->UP");
  }

  @Test
  void aLateAnswerOfATimedOutPingIsIgnored() {
    HealthMonitor monitor = monitor(settings(5000, 1000, 10_000, 1, 1));
    monitor.start();
    clock.advance(1000);
    assertThat(events).containsExactly("PENDING->DOWN timeout after 1000 ms");
    db.succeed(); // the first ping answers after the monitor gave up on it
    assertThat(events).hasSize(1);
    assertThat(state(monitor).reported()).isEqualTo(CheckState.Reported.DOWN);
    assertThat(clock.pendingTimers()).as("only the next run").isEqualTo(1);
  }

  @Test
  void eachRunIsHandedTheCheckTimeoutAsItsBudget() {
    HealthMonitor monitor = monitor(settings(1000, 2000, 5000, 1, 1));
    monitor.start();
    assertThat(db.lastContext().budget()).isEqualTo(Duration.ofMillis(2000));
    assertThat(db.lastContext().clientLimitMillis())
      .as("client limits lie past the budget: the monitor's timer names the timeout").isGreaterThan(2000);
  }

  @Test
  void aRunsWarningsStandUntilTheNextRunAndNeverOutliveASuccess() {
    HealthMonitor monitor = monitor(settings(1000, 500, 5000, 1, 1));
    db.manual();
    monitor.start();
    db.lastContext().warn("replica", "replica: writes refused (READONLY)");
    db.lastContext().warn("replica", "replica: writes refused (READONLY)");
    db.succeed();
    assertThat(state(monitor).reported()).isEqualTo(CheckState.Reported.UP);
    assertThat(state(monitor).warnings()).as("one copy of a repeated warning")
      .containsExactly(new CheckWarning("replica", "replica: writes refused (READONLY)"));
    clock.advance(1000);
    db.succeed();
    assertThat(state(monitor).warnings()).as("the next clean run clears it").isEmpty();
    clock.advance(1000);
    db.lastContext().warn("sentinel_quorum", "quorum lost");
    db.fail(new ConnectException("refused"));
    assertThat(state(monitor).warnings()).as("a failed run's warnings are not kept").isEmpty();
  }

  @Test
  void aClientsOwnTimeoutIsReportedAsItsOwnNotRewritten() {
    HealthMonitor monitor = monitor(settings(1000, 2000, 5000, 1, 1));
    monitor.start();
    clock.advance(1500);
    db.fail(new TimeoutException("the client's own limit"));
    assertThat(state(monitor).kind()).isEqualTo(FailureKind.TIMEOUT);
    assertThat(state(monitor).reason()).isEqualTo("timeout");
    assertThat(clock.pendingTimers()).as("the timeout timer is cancelled; the next run is set").isEqualTo(1);
  }

  @Test
  void aCheckThatThrowsStillEndsItsRunAndIsRetried() {
    HealthMonitor monitor = monitor(settings(1000, 500, 5000, 1, 1));
    db.throwOnPing(new NullPointerException("a bug in the check"));
    monitor.start();
    assertThat(state(monitor).reported()).isEqualTo(CheckState.Reported.DOWN);
    assertThat(state(monitor).reason()).isEqualTo("unexpected error");
    assertThat(db.drops()).isEqualTo(1);
    clock.advance(1000);
    assertThat(db.pings()).isEqualTo(2);
  }

  @Test
  void aResultOlderThanMaxAgeIsStaleAndListenersHearOfItOnce() {
    // A run that hangs longer than max age leaves an "up" result behind that goes stale.
    HealthMonitor monitor = monitor(settings(1000, 10_000, 3000, 3, 1));
    monitor.start();
    db.succeed();
    clock.advance(1000); // second run starts and hangs
    assertThat(db.pings()).isEqualTo(2);

    clock.advance(2000);
    long now = clock.nanoTime();
    assertThat(state(monitor).isUp(now)).as("exactly max age old").isTrue();
    assertThat(events).containsExactly("PENDING->UP");

    clock.advance(1);
    now = clock.nanoTime();
    CheckState stale = state(monitor);
    assertThat(stale.reported()).isEqualTo(CheckState.Reported.UP);
    assertThat(stale.isUp(now)).isFalse();
    assertThat(stale.effectiveKind(now)).isEqualTo(FailureKind.STALE);
    assertThat(stale.effectiveReason(now)).isEqualTo("stale: no result for 3001 ms");
    assertThat(HealthReport.evaluate(monitor.snapshot(), now).status()).isEqualTo(HealthStatus.ERROR);
    assertThat(SnapshotProcedures.status(stale, now).getData().getString("kind")).isEqualTo("stale");
    assertThat(events).containsExactly("PENDING->UP", "stale after 3001 ms");

    clock.advance(5000);
    assertThat(events).as("told once per episode").containsExactly("PENDING->UP", "stale after 3001 ms");

    clock.advance(4000); // the hung run times out at 11 s: a fresh result (failure 1 of 3) ends the episode
    assertThat(events).containsExactly("PENDING->UP", "stale after 3001 ms", "UP->UP timeout after 10000 ms");
    assertThat(state(monitor).isUp(clock.nanoTime())).isTrue();
  }

  @Test
  void checksThatAnswerOnTimeNeverGoStale() {
    HealthMonitor monitor = monitor(settings(1000, 500, 1500, 1, 1));
    db.healthy();
    monitor.start();
    clock.advance(60_000);
    assertThat(db.pings()).isEqualTo(61);
    assertThat(events).hasSize(61).allMatch(e -> e.equals("PENDING->UP") || e.equals("UP->UP"));
    assertThat(state(monitor).isUp(clock.nanoTime())).isTrue();
    assertThat(clock.pendingTimers()).as("next run and stale watch only").isEqualTo(2);
  }

  @Test
  void retryAfterDelaysTheNextRunAndTheResultIsNotStaleMeanwhile() {
    HealthMonitor monitor = monitor(settings(1000, 500, 3000, 3, 1));
    monitor.start();
    db.succeed();
    clock.advance(1000);
    db.fail(new CheckFailure(FailureKind.HTTP_STATUS, "HTTP 429", Duration.ofSeconds(30)));
    assertThat(state(monitor).reported()).as("failure 1 of 3").isEqualTo(CheckState.Reported.UP);

    clock.advance(29_999);
    assertThat(db.pings()).as("no run before Retry-After").isEqualTo(2);
    assertThat(state(monitor).isUp(clock.nanoTime())).as("not stale while backing off").isTrue();
    assertThat(events).noneMatch(e -> e.startsWith("stale"));

    clock.advance(1);
    assertThat(db.pings()).isEqualTo(3);
  }

  @Test
  void stopCancelsEveryTimerAndClosesTheChecks() {
    HealthMonitor monitor = monitor(settings(1000, 500, 3000, 1, 1));
    monitor.start();
    db.succeed();
    assertThat(clock.pendingTimers()).isEqualTo(2);
    monitor.stop();
    assertThat(clock.pendingTimers()).isZero();
    assertThat(db.closes()).isEqualTo(1);
    clock.advance(10_000);
    assertThat(db.pings()).isEqualTo(1);
  }

  @Test
  void listenersSeeTheResultBeforeTheSnapshotIsPublishedInTheOrderTheyWereAdded() {
    HealthMonitor monitor = monitor(settings(1000, 500, 3000, 1, 1));
    List<String> seen = new ArrayList<>();
    for (String name : List.of("metrics", "log")) {
      monitor.addListener((previous, current, failure) -> {
        assertThat(state(monitor)).as("%s runs before the new state is published", name).isSameAs(previous);
        seen.add(name + ":" + current.reported());
      });
    }
    monitor.start();
    db.fail(new ConnectException());
    assertThat(seen).containsExactly("metrics:DOWN", "log:DOWN");
    assertThat(events).containsExactly("PENDING->DOWN connection refused");
    assertThat(state(monitor).reported()).isEqualTo(CheckState.Reported.DOWN);
  }
}
