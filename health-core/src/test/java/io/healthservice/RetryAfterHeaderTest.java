package io.healthservice;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one Retry-After parser (an HTTP check's 429, a notification receiver's 429 or 503). */
class RetryAfterHeaderTest {

  private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void readsSecondsOrAnHttpDate() {
    assertThat(CheckFailure.parseRetryAfter("7", NOW)).contains(Duration.ofSeconds(7));
    assertThat(CheckFailure.parseRetryAfter(" 0 ", NOW)).contains(Duration.ZERO);
    assertThat(CheckFailure.parseRetryAfter("Tue, 24 Nov 2026 08:00:42 GMT", NOW)).contains(Duration.ofSeconds(42));
  }

  @Test
  void leavesBoundsToTheCaller() {
    assertThat(CheckFailure.parseRetryAfter("Tue, 24 Nov 2026 07:00:00 GMT", NOW)).contains(Duration.ofHours(-1));
    assertThat(CheckFailure.parseRetryAfter("-3", NOW)).contains(Duration.ofSeconds(-3));
    assertThat(CheckFailure.parseRetryAfter("86400", NOW)).contains(Duration.ofDays(1));
  }

  @Test
  void absentOrUnreadableIsEmpty() {
    assertThat(CheckFailure.parseRetryAfter("soon", NOW)).isEqualTo(Optional.empty());
    assertThat(CheckFailure.parseRetryAfter("", NOW)).isEmpty();
    assertThat(CheckFailure.parseRetryAfter(null, NOW)).isEmpty();
  }
}
