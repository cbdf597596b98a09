package io.healthservice.status.impl;

import io.healthservice.FailureKind;
import io.healthservice.status.HistoryStore;
import io.healthservice.status.MaintenanceView;
import io.healthservice.support.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What a check's history holds whatever the uptime (issue 32: thousands of checks in one process), measured on the
 * recorders {@link HealthHistory} keeps, in simulated time: buckets counted, bytes from the arrays' sizes, and the heap.
 */
class HistoryBoundTest {

  private static final long START = FakeClock.START.toEpochMilli();

  /** A thousand checks every 30 s for 25 h, flapping, each failure with its own reason: the worst case held. */
  @Test
  void aThousandChecksHoldAFewKbEachAfterADay() {
    int checks = 1_000;
    long before = usedHeap();
    CheckRecorder[] recorders = new CheckRecorder[checks];
    CheckHistory[] published = new CheckHistory[checks];
    for (int i = 0; i < checks; i++) {
      recorders[i] = new CheckRecorder("tcp-" + i, Instant.ofEpochMilli(START), MaintenanceView.NONE, false);
    }
    long started = System.nanoTime();
    for (int run = 0; run < 25 * 120; run++) {
      for (int i = 0; i < checks; i++) {
        boolean failed = (run / 10 + i) % 4 == 0; // down five minutes in twenty: a transition every ten minutes
        Instant at = Instant.ofEpochMilli(START + run * 30_000L + i);
        published[i] = recorders[i].run(at, 3 + run % 5, failed, false, failed ? "down" : "ok",
          failed ? FailureKind.REFUSED : null, failed ? "connection refused: 10.0.0." + i + ":" + run : null);
      }
    }
    long ms = (System.nanoTime() - started) / 1_000_000;
    long heapPerCheck = (usedHeap() - before) / checks;

    CheckHistory day = published[7];
    assertThat(day.minuteTier().size()).isEqualTo(HealthHistory.RETAINED_MINUTES);
    assertThat(day.periodTier().size()).isEqualTo(HealthHistory.RETAINED_PERIODS);
    assertThat(day.transitions()).hasSize(HealthHistory.RETAINED_TRANSITIONS);
    // 204 buckets of 24 bytes in two arrays, two open buckets and their records: under 5 KB whatever the uptime.
    assertThat(day.retainedBytes()).isLessThanOrEqualTo(5_120);
    System.out.printf("history per check after 25 h: buckets %d bytes (structural), heap %d bytes (recorder, published"
      + " history, 20 transitions with their reasons); %d runs in %d ms%n", day.retainedBytes(), heapPerCheck,
      checks * 25 * 120, ms);
    assertThat(day.uptimePercent(Instant.ofEpochMilli(START + 25 * 3_600_000L), Duration.ofHours(24)).orElseThrow())
      .isCloseTo(75.0, within(1.0));
    assertThat(recorders).hasSize(checks); // kept reachable until measured
  }

  /** Used heap after a collection, the best of a few (a collection may run while measuring). */
  private static long usedHeap() {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Runtime runtime = Runtime.getRuntime();
      best = Math.min(best, runtime.totalMemory() - runtime.freeMemory());
    }
    return best;
  }

  @Test
  void hoursOfSilenceAreCreditedToTheStateThatHeldInBothTiers() {
    CheckRecorder recorder = new CheckRecorder("db", Instant.ofEpochMilli(START), MaintenanceView.NONE, true);
    recorder.run(Instant.ofEpochMilli(START + 30_000), 4, false, false, "ok", null, null);
    Instant later = Instant.ofEpochMilli(START + 3 * 3_600_000L + 30_000);
    CheckHistory history = recorder.run(later, 6, true, false, "down", FailureKind.REFUSED, "refused");
    assertThat(history.minutes()).hasSize(HealthHistory.RETAINED_MINUTES).allMatch(m -> m.downMs() == 0);
    assertThat(history.minutes().get(58).upMs()).isEqualTo(60_000);
    assertThat(history.periods()).hasSize(3 * 6 + 1);
    assertThat(history.periods().stream().mapToLong(MinuteBucket::upMs).sum()).isEqualTo(3 * 3_600_000L);
    assertThat(history.periods()).extracting(MinuteBucket::runs).startsWith(1).endsWith(1);
    assertThat(history.uptimePercent(later, Duration.ofHours(24)).orElseThrow()).isEqualTo(100.0);
    // The store still gets every closed minute, not only the hour the memory keeps.
    List<HistoryStore.Minute> minutes = new ArrayList<>();
    recorder.drain(false, minutes, new ArrayList<>(), new ArrayList<>());
    assertThat(minutes).hasSize(3 * 60).allMatch(m -> m.upMs() == (m.runs() == 1 ? 30_000 : 60_000));
  }

  @Test
  void everyBucketKeepsItsOwnRunsAcrossRolls() {
    CheckRecorder recorder = new CheckRecorder("db", Instant.ofEpochMilli(START), MaintenanceView.NONE, false);
    CheckHistory history = null;
    for (int minute = 0; minute < 30 * 60; minute++) { // 30 h, a run 1 s into each minute taking (minute % 1000) ms
      history = recorder.run(Instant.ofEpochMilli(START + minute * 60_000L + 1_000), minute % 1000, minute % 3 == 0,
        false, "ok", null, null);
    }
    long last = START / 60_000 + 30 * 60 - 1;
    assertThat(history.minutes()).extracting(MinuteBucket::epochMinute)
      .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(last - 59, last).boxed().toList());
    assertThat(history.minutes()).allMatch(m -> m.maxMs() == (m.epochMinute() - START / 60_000) % 1000 && m.runs() == 1);
    assertThat(history.periods()).hasSize(HealthHistory.RETAINED_PERIODS)
      .allMatch(p -> p.runs() == 10 && p.epochMinute() % 10 == 0);
    assertThat(history.periods()).extracting(MinuteBucket::upMs).containsOnly(600_000L, 541_000L) // the open one: to 9:01
      .endsWith(541_000L);
    MinuteBucket period = history.periods().get(0);
    long first = period.epochMinute() - START / 60_000;
    assertThat(period.sumMs()).isEqualTo(java.util.stream.LongStream.range(first, first + 10).map(m -> m % 1000).sum());
    assertThat(period.failures()).isEqualTo((int) java.util.stream.LongStream.range(first, first + 10).filter(m -> m % 3 == 0).count());
  }

  @Test
  void aClockSteppingBackCountsIntoTheOpenMinute() {
    CheckRecorder recorder = new CheckRecorder("db", Instant.ofEpochMilli(START), MaintenanceView.NONE, false);
    recorder.run(Instant.ofEpochMilli(START + 90_000), 4, false, false, "ok", null, null);
    CheckHistory history = recorder.run(Instant.ofEpochMilli(START + 10_000), 5, false, false, "ok", null, null);
    assertThat(history.minutes()).extracting(MinuteBucket::runs).containsExactly(2);
    assertThat(history.minutes().get(0).epochMinute()).isEqualTo(START / 60_000 + 1);
    assertThat(history.periods()).extracting(MinuteBucket::runs).containsExactly(2);
  }

  @Test
  void packedFieldsSaturateRatherThanWrap() {
    long[] bucket = new long[Packed.WORDS];
    for (int i = 0; i < 70_000; i++) {
      Packed.run(bucket, 0, 2_000_000, true, false, true);
    }
    Packed.time(bucket, 0, true, false, 600_000);
    MinuteBucket b = Packed.bucket(bucket, 0, 0);
    assertThat(b.runs()).isEqualTo(65_535);
    assertThat(b.failures()).isEqualTo(65_535);
    assertThat(b.maxMs()).isEqualTo((1 << 20) - 1);
    assertThat(b.sumMs()).isEqualTo((1 << 24) - 1);
    assertThat(b.upMs()).as("ten minutes fit").isEqualTo(600_000);
    assertThat(b.downMs()).isZero();
  }
}
