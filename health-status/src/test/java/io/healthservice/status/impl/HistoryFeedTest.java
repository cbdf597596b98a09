package io.healthservice.status.impl;

import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.FailureKind;
import io.healthservice.HealthChecker;
import io.healthservice.status.FakeHistoryStore;
import io.healthservice.status.HistoryStore;
import io.healthservice.status.MaintenanceView;
import io.healthservice.support.FakeClock;
import io.healthservice.support.HandCheck;
import io.healthservice.support.Loop;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What {@link HealthHistory} gives a history store and how maintenance windows count, fed by a real checker on a
 * fake clock: closed minutes once each, changes, states, in batches (not per run), the open minute at close.
 */
class HistoryFeedTest {

  private static final CheckFailure REFUSED = new CheckFailure(FailureKind.REFUSED, "connection refused");
  private static final Instant WINDOW_START = FakeClock.START.plusSeconds(30 * 60);
  /** A minute past the outage: the run that sees the check back comes seconds after it is back. */
  private static final Instant WINDOW_END = FakeClock.START.plusSeconds(46 * 60);
  private static Vertx vertx;

  private final FakeClock clock = new FakeClock();
  private final HandCheck redis = HandCheck.named("redis").healthy();
  private final FakeHistoryStore store = new FakeHistoryStore();
  private final MaintenanceView window = (check, at) -> !at.isBefore(WINDOW_START) && at.isBefore(WINDOW_END)
    ? Optional.of("redis upgrade") : Optional.empty();
  private final HealthHistory history = new HealthHistory(clock, window, Optional.of(store), "pod-a");
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

  private void start() {
    checker = HealthChecker.builder(vertx, "svc", "1.0").clock(clock).logTransitions(false)
      .check(redis.check(), new CheckSettings(true, Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(60), 1, 1))
      .build();
    checker.addListener(history);
    loop = new Loop(vertx);
    loop.await(checker::start);
  }

  private void advance(long ms) {
    loop.run(() -> clock.advance(ms));
  }

  private long minute(int offset) {
    return Math.floorDiv(FakeClock.START.toEpochMilli(), 60_000) + offset;
  }

  @Test
  void closedMinutesGoToTheStoreOnceEachWithChangesAndStatesNotOnePerRun() {
    start();
    advance(2 * 60_000 + 30_000);
    redis.failing(REFUSED);
    advance(60_000);
    assertThat(store.minutes()).extracting(HistoryStore.Minute::epochMinute).containsExactly(minute(0), minute(1), minute(2));
    HistoryStore.Minute first = store.minutes().get(0);
    assertThat(first.check()).isEqualTo("redis");
    assertThat(first.runs()).isEqualTo(12);
    assertThat(first.latencyRuns()).as("the first run is left out of latency").isEqualTo(11);
    assertThat(first.upMs()).isEqualTo(60_000);
    assertThat(store.changes()).extracting(c -> c.from() + "->" + c.to()).containsExactly("pending->ok", "ok->down");
    assertThat(store.changes().get(1).kind()).isEqualTo("refused");
    assertThat(store.batches).allMatch(b -> b.instance().equals("pod-a"));
    assertThat(store.batches.size()).as("batches, not runs").isLessThan(10);
    assertThat(store.batches.get(store.batches.size() - 1).states()).isEmpty();
    assertThat(store.batches.stream().flatMap(b -> b.states().stream()).map(HistoryStore.State::state))
      .containsExactly("ok", "down");

    loop.await(checker::stop);
    checker = null;
    int before = store.minutes().size();
    history.close();
    assertThat(store.minutes()).hasSize(before + 1);
    assertThat(store.minutes().get(before).epochMinute()).as("the open minute, at close").isEqualTo(minute(3));
  }

  @Test
  void timeInAMaintenanceWindowIsLeftOutOfUptime() {
    start();
    advance(30 * 60_000);
    redis.failing(REFUSED); // down only inside the window
    advance(15 * 60_000);
    redis.healthy();
    advance(15 * 60_000 - 1);
    CheckHistory redisHistory = history.snapshot().check("redis").orElseThrow();
    assertThat(redisHistory.uptimePercent(clock.now(), Duration.ofHours(1)).orElseThrow()).isEqualTo(100.0);
    assertThat(redisHistory.minutes().stream().mapToLong(MinuteBucket::maintenanceMs).sum()).isCloseTo(16 * 60_000L,
      within(5_000L));
    assertThat(store.minutes().stream().mapToLong(HistoryStore.Minute::maintenanceMs).sum()).isPositive();
  }
}
