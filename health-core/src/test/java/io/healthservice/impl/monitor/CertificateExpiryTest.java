package io.healthservice.impl.monitor;

import io.healthservice.CertificateExpiry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Days left and the warning window, judged at a given instant (no clock, no sleeping). */
class CertificateExpiryTest {

  private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
  private static final Duration WARN = Duration.ofDays(14);

  @Test
  void tenDaysLeftIsAWarning() {
    CertificateExpiry c = CertificateExpiry.at(NOW.plus(Duration.ofDays(10)), NOW, WARN);
    assertThat(c.daysLeft()).isEqualTo(10);
    assertThat(c.expiresSoon()).isTrue();
    assertThat(c.warning()).isEqualTo("certificate expires in 10 days");
  }

  @Test
  void theWindowStartsExactlyAtTheThreshold() {
    assertThat(CertificateExpiry.at(NOW.plus(WARN), NOW, WARN).expiresSoon()).isFalse();
    assertThat(CertificateExpiry.at(NOW.plus(WARN).minusMillis(1), NOW, WARN).expiresSoon()).isTrue();
    assertThat(CertificateExpiry.at(NOW.plus(WARN), NOW, WARN).warning()).isNull();
  }

  @Test
  void partialDaysRoundDown() {
    CertificateExpiry c = CertificateExpiry.at(NOW.plus(Duration.ofHours(23)), NOW, WARN);
    assertThat(c.daysLeft()).isZero();
    assertThat(c.warning()).isEqualTo("certificate expires in 0 days");
    assertThat(CertificateExpiry.at(NOW.plus(Duration.ofHours(25)), NOW, WARN).warning()).isEqualTo("certificate expires in 1 day");
  }

  @Test
  void anExpiredCertificateCountsNegativeDays() {
    CertificateExpiry c = CertificateExpiry.at(NOW.minus(Duration.ofHours(1)), NOW, WARN);
    assertThat(c.daysLeft()).isEqualTo(-1);
    assertThat(c.warning()).isEqualTo("certificate expired 1 day ago");
  }

  @Test
  void aZeroThresholdNeverWarnsBeforeExpiry() {
    assertThat(CertificateExpiry.at(NOW.plusSeconds(1), NOW, Duration.ZERO).expiresSoon()).isFalse();
  }
}
