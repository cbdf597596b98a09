package io.healthservice;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A TLS dependency's certificate as of a check's latest run. A certificate close to its end is a
 * warning, never a failure: the dependency still works, and an expired or untrusted one already fails
 * the handshake, hence the check.
 *
 * @param notAfter    the earliest expiry of the chain the peer presented
 * @param daysLeft    whole days from the run to {@code notAfter}; negative once expired
 * @param expiresSoon less than the check's {@code certificate_warning} was left at the run
 */
public record CertificateExpiry(Instant notAfter, long daysLeft, boolean expiresSoon) {

  public CertificateExpiry {
    Objects.requireNonNull(notAfter);
  }

  /** Judged at {@code now} against {@code warnBefore}. */
  public static CertificateExpiry at(Instant notAfter, Instant now, Duration warnBefore) {
    Duration left = Duration.between(now, notAfter);
    // floorDiv: one hour past expiry is day -1, not day 0.
    long days = Math.floorDiv(left.toMillis(), Duration.ofDays(1).toMillis());
    return new CertificateExpiry(notAfter, days, left.compareTo(warnBefore) < 0);
  }

  /** The non-failing warning shown in details, or {@code null}. */
  public String warning() {
    if (!expiresSoon) {
      return null;
    }
    return daysLeft < 0 ? "certificate expired " + days(-daysLeft) + " ago" : "certificate expires in " + days(daysLeft);
  }

  private static String days(long n) {
    return n + (n == 1 ? " day" : " days");
  }
}
