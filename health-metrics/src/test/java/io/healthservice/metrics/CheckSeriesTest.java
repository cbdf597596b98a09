package io.healthservice.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A check's counts: the max of a run is that of the last 30 to 60 seconds, as Micrometer's windowed max was. */
class CheckSeriesTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void theMaxIsThatOfTheLastHalfMinuteToMinuteAndThenFades() {
    CheckSeries.Counts counts = new CheckSeries.Counts();
    long start = 990 * SECOND; // a slot boundary: slots are 30 s
    counts.run(250, start);
    counts.run(40, start + 10 * SECOND);
    assertThat(counts.max(start + 20 * SECOND)).isEqualTo(0.25);
    counts.run(30, start + 35 * SECOND); // next slot: the previous one's max still counts
    assertThat(counts.max(start + 40 * SECOND)).isEqualTo(0.25);
    counts.run(20, start + 65 * SECOND); // two slots on: only the last slot's
    assertThat(counts.max(start + 66 * SECOND)).isEqualTo(0.03);
    assertThat(counts.max(start + 95 * SECOND)).as("no run in the last slot: the one before").isEqualTo(0.02);
    assertThat(counts.max(start + 125 * SECOND)).as("no run for a minute").isZero();
  }
}
