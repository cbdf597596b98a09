package io.healthservice.impl.monitor;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.MonitorListener;
import io.healthservice.CheckSettings;
import io.healthservice.CheckState;
import io.healthservice.DependencyCheck;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.support.FakeClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thousands of checks, on the fake clock: runs spread over the first interval and jittered, never in bursts; the
 * schedule never drifts by more than its jitter; a cap on runs in flight that delays and never drops; the snapshot
 * rebuilt at most once per tick. Past {@link Pacing#SCALE} checks; a few checks keep their exact schedule.
 */
class ScalePacingTest {

  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static Vertx vertx;
  private final FakeClock clock = new FakeClock();

  @BeforeAll
  static void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** A check that notes when each run starts (ms on the fake clock) and answers at once, or never when hung. */
  private final class Noting implements DependencyCheck {
    final String name;
    final List<Long> starts = new ArrayList<>();
    final List<Promise<Void>> open = new ArrayList<>();
    boolean hung;
    long answerAfterMs;

    Noting(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Future<Void> ping(CheckContext context) {
      starts.add(clock.elapsedMs());
      if (hung || answerAfterMs > 0) {
        Promise<Void> promise = Promise.promise();
        open.add(promise);
        if (!hung) {
          clock.setTimer(answerAfterMs, id -> promise.tryComplete());
        }
        return promise.future();
      }
      return Future.succeededFuture();
    }
  }

  private List<Noting> checks(int n) {
    List<Noting> checks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      checks.add(new Noting("c" + i));
    }
    return checks;
  }

  private HealthMonitor monitor(List<Noting> checks, int maxInFlight) {
    return monitor(checks, maxInFlight, INTERVAL, c -> true);
  }

  private HealthMonitor monitor(List<Noting> checks, int maxInFlight, Duration interval, Predicate<Noting> critical) {
    CheckSettings settings = CheckSettings.of(true, interval, Duration.ofSeconds(2));
    List<MonitoredCheck> monitored = checks.stream().map(c -> new MonitoredCheck(c, settings)).toList();
    List<DependencyGroup> groups = checks.stream()
      .map(c -> new DependencyGroup(c.name, critical.test(c), List.of(c.name))).toList();
    return new HealthMonitor(vertx, clock, groups, monitored, maxInFlight, new SplittableRandom(7));
  }

  @Test
  void atScaleNonCriticalChecksStartSpreadOverTheirFirstIntervalAndTheStartWaitsForTheCriticalOnesOnly() {
    List<Noting> checks = checks(2_000);
    Noting database = checks.get(0);
    HealthMonitor monitor = monitor(checks, 4096, INTERVAL, c -> c == database);
    database.answerAfterMs = 50;
    monitor.start();
    assertThat(database.starts).containsExactly(0L); // what the verdict waits for runs at once
    assertThat(checks.stream().filter(c -> !c.starts.isEmpty()).count()).isLessThan(5);
    assertThat(monitor.snapshot().started()).isFalse();
    clock.advance(50 + monitor.pacing().publishTickMs());
    assertThat(monitor.snapshot().started()).as("started once the critical check has run").isTrue();
    assertThat(HealthReport.evaluate(monitor.snapshot(), clock.nanoTime()).dependencies())
      .as("a check not run yet counts neither way").hasSizeLessThan(100);
    clock.advance(INTERVAL.toMillis());
    Map<Long, Integer> firstPerSecond = new TreeMap<>();
    checks.stream().skip(1).forEach(c -> firstPerSecond.merge(c.starts.get(0) / 1000, 1, Integer::sum));
    // 1,999 first runs over the first 10 s: about 200 a second, not 1,999 at once.
    assertThat(firstPerSecond.keySet()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(firstPerSecond.values()).allMatch(n -> n > 120 && n < 280);
    assertThat(HealthReport.evaluate(monitor.snapshot(), clock.nanoTime()).dependencies()).hasSize(2_000);
  }

  @Test
  void aLongIntervalSpreadsFirstRunsOverThirtySecondsAtMost() {
    List<Noting> checks = checks(Pacing.SCALE + 100);
    HealthMonitor monitor = monitor(checks, 4096, Duration.ofMinutes(5), c -> false);
    monitor.start();
    assertThat(monitor.snapshot().started()).as("nothing critical to wait for").isTrue();
    clock.advance(Pacing.FIRST_RUN_SPREAD_MS);
    assertThat(checks).allMatch(c -> c.starts.size() == 1 && c.starts.get(0) < Pacing.FIRST_RUN_SPREAD_MS);
  }

  @Test
  void thousandsOfChecksSpreadOverTheFirstIntervalAndNeverFireInTheSameMillisecond() {
    List<Noting> checks = checks(2_000);
    monitor(checks, 4096).start();
    assertThat(checks).allMatch(c -> c.starts.equals(List.of(0L))); // every first run at once: ready as soon as they answer
    clock.advance(60_000);
    Map<Long, Integer> perMs = new TreeMap<>();
    TreeMap<Long, Integer> perSecond = new TreeMap<>();
    checks.forEach(c -> c.starts.stream().skip(1).forEach(ms -> {
      perMs.merge(ms, 1, Integer::sum);
      perSecond.merge(ms / 1000, 1, Integer::sum);
    }));
    // 2,000 checks every 10 s: 200 a second on average, spread, not a burst of 2,000 every 10 s.
    assertThat(perMs.values().stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThanOrEqualTo(6);
    assertThat(perSecond.subMap(1L, 59L).values()).allMatch(n -> n > 120 && n < 280);
  }

  @Test
  void thousandsOfChecksWaitOnAFewClockTimersNotOnePerCheck() {
    List<Noting> checks = checks(2_000);
    HealthMonitor monitor = monitor(checks, 4096);
    monitor.start();
    clock.advance(35_000);
    assertThat(checks).allMatch(c -> c.starts.size() >= 3);
    // The next runs, the stale watches and the publication tick: a timer per check lived its whole interval, and
    // 10,000 of them a second filled the old generation.
    assertThat(clock.pendingTimers()).isBetween(2, 3);
    monitor.stop();
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void aChecksScheduleNeverDriftsByMoreThanItsJitter() {
    List<Noting> checks = checks(Pacing.SCALE + 1);
    HealthMonitor monitor = monitor(checks, 4096);
    monitor.start();
    clock.advance(1_000_000); // 100 intervals
    long jitterMs = Math.min(monitor.pacing().maxJitterMs(), INTERVAL.toMillis() * monitor.pacing().jitterPercent() / 100);
    assertThat(jitterMs).isEqualTo(500);
    for (Noting check : checks) {
      List<Long> starts = check.starts;
      assertThat(starts).hasSizeGreaterThanOrEqualTo(100);
      // Each run k >= 1 starts at its anchor (the phase + (k-1) intervals) plus a fresh jitter in [0, jitter].
      List<Long> offsets = new ArrayList<>();
      for (int k = 1; k < starts.size(); k++) {
        offsets.add(starts.get(k) - (k - 1) * INTERVAL.toMillis());
      }
      long spread = offsets.stream().max(Long::compare).orElseThrow() - offsets.stream().min(Long::compare).orElseThrow();
      assertThat(spread).as(check.name + " drift over 100 intervals").isLessThanOrEqualTo(jitterMs);
    }
  }

  @Test
  void aStartThatQueuesAtTheCapLeavesNoQueueBehind() {
    List<Noting> checks = checks(2_000);
    checks.forEach(c -> c.answerAfterMs = 40);
    HealthMonitor monitor = monitor(checks, 20);
    monitor.start();
    clock.advance(4_000); // 100 waves of 20 first runs of 40 ms each: 4 s, 40 % of the interval
    assertThat(checks).allMatch(c -> !c.starts.isEmpty() && c.starts.get(0) <= 3_980);
    assertThat(monitor.runsDelayed()).isGreaterThanOrEqualTo(1_980);
    clock.advance(6_000); // the queue of the start drains: 500 runs a second through the cap, 200 arriving
    long delayedAtStart = monitor.runsDelayed();
    int mostWaiting = 0;
    for (int ms = 0; ms < 30_000; ms += 10) {
      clock.advance(10);
      mostWaiting = Math.max(mostWaiting, monitor.runsWaiting());
    }
    // Spread over the interval after each first run: about 200 runs a second of 40 ms, 8 at once on average; a
    // second run counted from the first one's due time would fall due at once for the checks that waited longest
    // at start, and keep a queue going.
    assertThat(mostWaiting).as("most runs waiting at once after the start").isLessThan(10);
    assertThat(monitor.runsDelayed() - delayedAtStart).as("runs delayed after the start").isLessThan(60);
    assertThat(checks).allMatch(c -> c.starts.size() >= 3);
  }

  @Test
  void runsOverTheCapWaitForASlotAndAreNeverDropped() {
    List<Noting> checks = checks(10);
    checks.forEach(c -> c.hung = true);
    HealthMonitor monitor = monitor(checks, 4);
    monitor.start();
    assertThat(checks.stream().filter(c -> c.starts.size() == 1).count()).isEqualTo(4);
    assertThat(monitor.runsWaiting()).isEqualTo(6);
    assertThat(monitor.runsDelayed()).isEqualTo(6);
    clock.advance(2_000); // the first four time out; four more start, each with its own full timeout
    assertThat(checks.stream().filter(c -> c.starts.size() == 1).count()).isEqualTo(8);
    assertThat(monitor.runsWaiting()).isEqualTo(2);
    clock.advance(4_000);
    assertThat(checks).allMatch(c -> !c.starts.isEmpty());
    assertThat(monitor.snapshot().checks().values()).allMatch(s -> s.reported() == CheckState.Reported.DOWN);
    assertThat(monitor.snapshot().checks().values()).extracting(CheckState::reason).containsOnly("timeout after 2000 ms");
  }

  @Test
  void theSnapshotIsRebuiltAtMostOncePerTickAtScaleAndCarriesEveryResult() {
    List<Noting> checks = checks(1_000);
    HealthMonitor monitor = monitor(checks, 4096);
    List<HealthSnapshot> told = new ArrayList<>();
    monitor.addListener(new MonitorListener() {
      @Override
      public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
      }

      @Override
      public void onPublished(HealthSnapshot snapshot) {
        told.add(snapshot);
      }
    });
    monitor.start();
    clock.advance(100);
    assertThat(monitor.snapshot().started()).isTrue();
    told.clear();
    List<HealthSnapshot> seen = new ArrayList<>();
    for (int ms = 0; ms < 10_000; ms++) { // an interval: every check runs once more, 100 a second
      clock.advance(1);
      if (seen.isEmpty() || seen.get(seen.size() - 1) != monitor.snapshot()) {
        seen.add(monitor.snapshot());
      }
    }
    assertThat(seen.size()).isBetween(50, 101); // at most one per 100 ms tick, not one per run (1,000)
    assertThat(told).as("listeners told of each snapshot, once").containsExactlyElementsOf(seen.subList(1, seen.size()));
    clock.advance(10_000 + monitor.pacing().publishTickMs());
    for (Noting check : checks) {
      CheckState state = monitor.snapshot().checks().get(check.name);
      assertThat(state.completedAtNanos()).isGreaterThanOrEqualTo(clock.nanoTime() - 11_000_000_000L);
    }
  }

  @Test
  void aFewChecksKeepTheirExactScheduleAndPublishEveryResultAtOnce() {
    List<Noting> checks = checks(3);
    HealthMonitor monitor = monitor(checks, 4096);
    assertThat(monitor.pacing().spread()).isFalse();
    monitor.start();
    clock.advance(30_000);
    assertThat(checks).allMatch(c -> c.starts.equals(List.of(0L, 10_000L, 20_000L, 30_000L)));
  }
}
