package io.healthservice;

import java.time.Duration;
import java.util.Objects;

/**
 * How the monitor runs one check: its schedule, its time budget and how it damps flapping.
 *
 * @param critical         a critical check that is down makes the service {@code error} (HTTP 503);
 *                         a non-critical one only makes it {@code degraded}
 * @param interval         time between the start of two runs
 * @param timeout          a run that has not answered by then counts as failed
 * @param maxAge           a result older than this counts as down ("stale")
 * @param failureThreshold consecutive failures before an ok check reports down
 * @param successThreshold consecutive successes before a down check reports ok
 * @param certificateWarning a TLS peer certificate with less time left than this shows a warning
 *                         (the check stays up)
 * @param warnAfter        a run that succeeds but takes longer than this carries the warning {@code slow}
 *                         (never a failure: the timeout still fails a run); null: never
 */
public record CheckSettings(boolean critical, Duration interval, Duration timeout, Duration maxAge,
                            int failureThreshold, int successThreshold, Duration certificateWarning,
                            Duration warnAfter) {

  /** Default {@link #certificateWarning}: two weeks, time to renew through a change process. */
  public static final Duration DEFAULT_CERTIFICATE_WARNING = Duration.ofDays(14);

  /** Without a slow-run warning. */
  public CheckSettings(boolean critical, Duration interval, Duration timeout, Duration maxAge,
                       int failureThreshold, int successThreshold, Duration certificateWarning) {
    this(critical, interval, timeout, maxAge, failureThreshold, successThreshold, certificateWarning, null);
  }

  /** These settings, with runs slower than {@code warnAfter} (below the timeout) warning {@code slow}. */
  public CheckSettings withWarnAfter(Duration warnAfter) {
    return new CheckSettings(critical, interval, timeout, maxAge, failureThreshold, successThreshold,
      certificateWarning, warnAfter);
  }

  /** With the default certificate warning. */
  public CheckSettings(boolean critical, Duration interval, Duration timeout, Duration maxAge,
                       int failureThreshold, int successThreshold) {
    this(critical, interval, timeout, maxAge, failureThreshold, successThreshold, DEFAULT_CERTIFICATE_WARNING);
  }

  public CheckSettings {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(certificateWarning, "certificateWarning");
    if (interval.isNegative() || interval.isZero() || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("interval and timeout must be positive");
    }
    if (warnAfter != null && (warnAfter.isNegative() || warnAfter.isZero() || warnAfter.compareTo(timeout) >= 0)) {
      throw new IllegalArgumentException("warnAfter must be positive and less than the timeout");
    }
    if (failureThreshold < 1 || successThreshold < 1) {
      throw new IllegalArgumentException("thresholds must be at least 1");
    }
  }

  /** The defaults for the rest: max age {@link #defaultMaxAge}, thresholds 1 (no damping). */
  public static CheckSettings of(boolean critical, Duration interval, Duration timeout) {
    return new CheckSettings(critical, interval, timeout, defaultMaxAge(interval, timeout), 1, 1);
  }

  /**
   * Three intervals, but never so short that a run which times out shows as "stale" before its timeout
   * is reported: at least interval + timeout + 1 s.
   */
  public static Duration defaultMaxAge(Duration interval, Duration timeout) {
    Duration floor = interval.plus(timeout).plusSeconds(1);
    Duration threeIntervals = interval.multipliedBy(3);
    return threeIntervals.compareTo(floor) >= 0 ? threeIntervals : floor;
  }
}
