package io.healthservice.notify.impl;

import io.healthservice.notify.NotifySettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

  private static final NotifySettings SETTINGS = new NotifySettings(Duration.ZERO, Duration.ZERO, true, 10, 10,
    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30));

  @Test
  void doublesWithEqualJitterUpToTheCap() {
    Backoff low = new Backoff(SETTINGS, () -> 0.0);
    Backoff high = new Backoff(SETTINGS, () -> 0.999_999);
    long[] lows = new long[6];
    long[] highs = new long[6];
    for (int attempt = 1; attempt <= 6; attempt++) {
      lows[attempt - 1] = low.delayMs(attempt, null);
      highs[attempt - 1] = high.delayMs(attempt, null);
    }
    assertThat(lows).containsExactly(500, 1000, 2000, 4000, 4000, 4000);
    assertThat(highs).containsExactly(999, 1999, 3999, 7999, 7999, 7999);
    assertThat(low.delayMs(100, null)).isEqualTo(4000); // no overflow after many attempts
  }

  @Test
  void aLongerRetryAfterIsWaitedForUpToTheCap() {
    Backoff backoff = new Backoff(SETTINGS, () -> 0.0);
    assertThat(backoff.delayMs(1, Duration.ofSeconds(3))).isEqualTo(3000);
    assertThat(backoff.delayMs(1, Duration.ofHours(2))).isEqualTo(30_000);
    // A shorter one never makes us retry sooner than our own schedule.
    assertThat(backoff.delayMs(4, Duration.ofSeconds(2))).isEqualTo(4000);
    assertThat(backoff.delayMs(1, Duration.ZERO)).isEqualTo(500);
    Backoff ignoring = new Backoff(new NotifySettings(Duration.ZERO, Duration.ZERO, true, 10, 10, Duration.ofSeconds(1),
      Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ZERO), () -> 0.0);
    assertThat(ignoring.delayMs(1, Duration.ofSeconds(60))).isEqualTo(500);
  }
}
