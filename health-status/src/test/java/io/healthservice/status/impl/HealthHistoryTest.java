package io.healthservice.status.impl;

import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.FailureKind;
import io.healthservice.HealthChecker;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.support.FakeClock;
import io.healthservice.support.HandCheck;
import io.healthservice.support.Loop;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link HealthHistory} fed by a real checker on a fake clock (its public API: the history is a listener of it,
 * as {@code StatusPages} adds it), over a check the test answers ({@link HandCheck}): minute buckets, uptime,
 * transitions and bounds, hours of runs in milliseconds.
 */
class HealthHistoryTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration DAY = Duration.ofHours(24);
  private static final CheckFailure REFUSED = new CheckFailure(FailureKind.REFUSED, "connection refused");
  private static Vertx vertx;

  private final FakeClock clock = new FakeClock();
  private final HandCheck redis = HandCheck.named("redis");
  private final HealthHistory history = new HealthHistory(clock);
  private Loop loop;
  private HealthChecker checker;

  @BeforeAll
  static void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    if (checker != null) {
      loop.await(checker::stop);
    }
  }

  /** Runs every {@code intervalMs}; one failed run turns it down, one good run up again. */
  private void start(long intervalMs, long maxAgeMs) {
    CheckSettings settings = new CheckSettings(true, Duration.ofMillis(intervalMs), Duration.ofMillis(5_000),
      Duration.ofMillis(maxAgeMs), 1, 1);
    checker = HealthChecker.builder(vertx, "svc", "1.0").clock(clock).logTransitions(false)
      .check(redis.check(), settings).build();
    checker.addListener(history);
    loop = new Loop(vertx);
    loop.await(checker::start);
  }

  /** Time moves on the checker's event loop, where its timers fire and its checks answer. */
  private void advance(long ms) {
    loop.run(() -> clock.advance(ms));
  }

  private void succeed() {
    loop.run(redis::succeed);
  }

  private CheckHistory redis() {
    return history.snapshot().check("redis").orElseThrow();
  }

  private void down() {
    redis.failing(REFUSED);
  }

  private void up() {
    redis.healthy();
  }

  @Test
  void runsFallIntoTheirMinuteAndTheCurrentMinuteRollsOver() {
    redis.manual();
    start(10_000, 60_000);
    // Every run takes 10, 20 or 30 ms; FakeClock starts on a minute boundary.
    for (int run = 0; run < 13; run++) {
      advance(10L * (run % 3 + 1));
      succeed();
      advance(10_000 - 10L * (run % 3 + 1));
    }
    List<MinuteBucket> minutes = redis().minutes();
    assertThat(minutes).extracting(MinuteBucket::runs).containsExactly(6, 6, 1);
    assertThat(minutes).extracting(MinuteBucket::epochMinute).containsExactly(
      minute(0), minute(1), minute(2));
    MinuteBucket first = minutes.get(0);
    // The first run after start (10 ms) is counted as a run but not for latency: 20, 30, 10, 20, 30 ms.
    assertThat(first.latencyRuns()).isEqualTo(5);
    assertThat(first.minMs()).isEqualTo(10);
    assertThat(first.maxMs()).isEqualTo(30);
    assertThat(first.avgMs()).isEqualTo(22.0);
    assertThat(minutes.get(1).latencyRuns()).isEqualTo(6);
    assertThat(first.failures()).isZero();
    // Up from the first result (10 ms in) to the end of the minute.
    assertThat(first.upMs()).isEqualTo(60_000 - 10);
    assertThat(minutes.get(1).upMs()).isEqualTo(60_000);
  }

  @Test
  void uptimeIsTheShareOfObservedTimeUpOverTheLastHourAndDay() {
    redis.healthy();
    start(5_000, 60_000);
    advance(30 * 60_000);
    down();
    advance(15 * 60_000);
    up();
    advance(15 * 60_000 - 1);
    assertThat(redis().uptimePercent(clock.now(), HOUR).orElseThrow()).isCloseTo(75.0, within(0.1));
    assertThat(redis().uptimePercent(clock.now(), DAY).orElseThrow()).isCloseTo(75.0, within(0.1));
    assertThat(redis().minutes().stream().mapToInt(MinuteBucket::failures).sum()).isEqualTo(15 * 12);
    assertThat(redis().periods().stream().mapToInt(MinuteBucket::failures).sum()).isEqualTo(15 * 12);

    advance(60 * 60_000);
    assertThat(redis().uptimePercent(clock.now(), HOUR).orElseThrow()).isEqualTo(100.0);
    assertThat(redis().uptimePercent(clock.now(), DAY).orElseThrow()).isCloseTo(87.5, within(0.1));
  }

  @Test
  void timeSinceTheLatestRunCountsForTheCurrentState() {
    redis.healthy();
    start(60_000, 600_000);
    advance(30_000);
    assertThat(redis().uptimePercent(clock.now(), HOUR).orElseThrow()).isEqualTo(100.0);
    assertThat(new HealthHistory(clock).snapshot().check("redis")).as("nothing observed yet").isEmpty();
  }

  @Test
  void transitionsKeepTheirFailureKindNewestFirst() {
    redis.healthy();
    start(1_000, 60_000);
    advance(5_000);
    down();
    advance(3_000);
    up();
    advance(2_000);
    List<Transition> transitions = redis().transitions();
    assertThat(transitions).extracting(t -> t.from() + "->" + t.to())
      .containsExactly("down->ok", "ok->down", "pending->ok");
    assertThat(transitions.get(1).kind()).isEqualTo(FailureKind.REFUSED);
    assertThat(transitions.get(1).reason()).isEqualTo("connection refused");
    assertThat(transitions.get(1).at()).isEqualTo(FakeClock.START.plusSeconds(6));
    assertThat(transitions.get(0).kind()).isNull();
    assertThat(redis().state()).isEqualTo("ok");
    assertThat(redis().since()).isEqualTo(FakeClock.START.plusSeconds(9));
  }

  @Test
  void aRunThatHangsPastMaxAgeCountsAsStaleThenDown() {
    redis.healthy();
    start(1_000, 3_000);
    advance(1_500);
    redis.manual(); // the run at 2 s never answers; the timeout (5 s) is longer than the max age (3 s)
    advance(3_000); // the result of 1 s is stale from 4 s on
    assertThat(redis().state()).isEqualTo("stale");
    assertThat(redis().transitions().get(0).kind()).isEqualTo(FailureKind.STALE);
    advance(5_000); // the run of 2 s timed out at 7 s: down
    assertThat(redis().transitions()).extracting(t -> t.from() + "->" + t.to())
      .containsExactly("stale->down", "ok->stale", "pending->ok");
    // Up from the first result (0 s) until stale (4 s), down since; the open time since 7 s is not in a bucket yet.
    MinuteBucket minute = redis().minutes().get(0);
    assertThat(minute.upMs()).isEqualTo(4_001);
    assertThat(minute.downMs()).isEqualTo(7_000 - 4_001);
    assertThat(redis().uptimePercent(clock.now(), HOUR).orElseThrow()).isCloseTo(100.0 * 4_001 / 9_500, within(0.01));
  }

  @Test
  void aDayOfFlappingStaysBounded() {
    start(30_000, 120_000);
    for (int run = 0; run < 26 * 120; run++) { // 26 hours, flapping on every run
      if (run % 2 == 0) {
        down();
      } else {
        up();
      }
      advance(30_000);
    }
    CheckHistory day = redis();
    assertThat(day.minutes()).hasSize(HealthHistory.RETAINED_MINUTES);
    assertThat(day.transitions()).hasSize(HealthHistory.RETAINED_TRANSITIONS);
    assertThat(day.minutes().get(0).epochMinute())
      .isEqualTo(Math.floorDiv(clock.now().toEpochMilli(), 60_000) - HealthHistory.RETAINED_MINUTES + 1);
    assertThat(day.periods()).hasSize(HealthHistory.RETAINED_PERIODS);
    assertThat(day.periods().get(HealthHistory.RETAINED_PERIODS - 1).epochMinute())
      .isEqualTo(Math.floorDiv(clock.now().toEpochMilli(), 600_000) * 10);
    assertThat(day.uptimePercent(clock.now(), DAY).orElseThrow()).isCloseTo(50.0, within(0.1));
  }

  private static long minute(int offset) {
    return Math.floorDiv(FakeClock.START.toEpochMilli(), 60_000) + offset;
  }

  @Test
  void pastAHundredChecksTheHistoryFollowsTheMonitorsTicksNotEveryRun() {
    HealthCheckerBuilder builder = HealthChecker.builder(vertx, "svc", "1.0").clock(clock).logTransitions(false);
    CheckSettings settings = CheckSettings.of(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    for (int i = 0; i < 150; i++) {
      builder.check(HandCheck.named("c" + i).healthy().check(), settings);
    }
    checker = builder.build();
    checker.addListener(history);
    loop = new Loop(vertx);
    loop.await(checker::start);
    // The history follows the monitor's snapshots: the first result at once, the 149 others with the next tick.
    assertThat(history.snapshot().checks()).hasSize(1);
    advance(100);
    assertThat(history.snapshot().checks()).hasSize(150);
    assertThat(checker.snapshot().checks().values()).allMatch(s -> s.reported() == io.healthservice.CheckState.Reported.UP);
  }
}
