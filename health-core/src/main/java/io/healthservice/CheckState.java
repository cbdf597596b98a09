package io.healthservice;


import java.time.Instant;
import java.util.List;

/**
 * What the monitor knows of one check after its latest run. Immutable: each run replaces it whole.
 *
 * @param name                 the check's name
 * @param reported             the damped state (after failure/success thresholds)
 * @param kind                 why the check is down, or {@code null} while it reports up
 * @param reason               sanitised words for {@code kind}, or {@code null}
 * @param latencyMs            duration of the latest run
 * @param checkedAt            wall-clock end of the latest run, or {@code null} before the first
 * @param completedAtNanos     {@link MonitorClock#nanoTime()} at the end of the latest run (for staleness)
 * @param maxAgeNanos          a result older than this counts as down
 * @param consecutiveFailures  failed runs in a row
 * @param consecutiveSuccesses successful runs in a row
 * @param certificate          the TLS peer's certificate as of the latest run, or {@code null} without TLS
 * @param warnings             what the latest successful run warned of ({@link CheckContext#warn}); never fails it
 * @param inUse                the server the check used in its latest run when it picks one of several
 *                             ({@link CheckContext#server(String)}), or {@code null}
 */
public record CheckState(String name, Reported reported, FailureKind kind, String reason, long latencyMs,
                         Instant checkedAt, long completedAtNanos, long maxAgeNanos,
                         int consecutiveFailures, int consecutiveSuccesses, CertificateExpiry certificate,
                         List<CheckWarning> warnings, String inUse) {

  public CheckState {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** Without a server in use. */
  public CheckState(String name, Reported reported, FailureKind kind, String reason, long latencyMs,
                    Instant checkedAt, long completedAtNanos, long maxAgeNanos,
                    int consecutiveFailures, int consecutiveSuccesses, CertificateExpiry certificate,
                    List<CheckWarning> warnings) {
    this(name, reported, kind, reason, latencyMs, checkedAt, completedAtNanos, maxAgeNanos,
      consecutiveFailures, consecutiveSuccesses, certificate, warnings, null);
  }

  /** Without warnings. */
  public CheckState(String name, Reported reported, FailureKind kind, String reason, long latencyMs,
                    Instant checkedAt, long completedAtNanos, long maxAgeNanos,
                    int consecutiveFailures, int consecutiveSuccesses, CertificateExpiry certificate) {
    this(name, reported, kind, reason, latencyMs, checkedAt, completedAtNanos, maxAgeNanos,
      consecutiveFailures, consecutiveSuccesses, certificate, List.of());
  }

  /** Without a certificate. */
  public CheckState(String name, Reported reported, FailureKind kind, String reason, long latencyMs,
                    Instant checkedAt, long completedAtNanos, long maxAgeNanos,
                    int consecutiveFailures, int consecutiveSuccesses) {
    this(name, reported, kind, reason, latencyMs, checkedAt, completedAtNanos, maxAgeNanos,
      consecutiveFailures, consecutiveSuccesses, null);
  }

  /** This state with {@code certificate} (or none). */
  public CheckState withCertificate(CertificateExpiry next) {
    return new CheckState(name, reported, kind, reason, latencyMs, checkedAt, completedAtNanos, maxAgeNanos,
      consecutiveFailures, consecutiveSuccesses, next, warnings, inUse);
  }

  /** This state with {@code next} as its warnings. */
  public CheckState withWarnings(List<CheckWarning> next) {
    return new CheckState(name, reported, kind, reason, latencyMs, checkedAt, completedAtNanos, maxAgeNanos,
      consecutiveFailures, consecutiveSuccesses, certificate, next, inUse);
  }

  /** This state with {@code server} as the one in use (or none). */
  public CheckState withInUse(String server) {
    return new CheckState(name, reported, kind, reason, latencyMs, checkedAt, completedAtNanos, maxAgeNanos,
      consecutiveFailures, consecutiveSuccesses, certificate, warnings, server);
  }

  /** The texts of the warnings an operator should see now: the run's own while up, and a certificate that expires soon. */
  public List<String> activeWarnings(long nowNanos) {
    List<String> all = new java.util.ArrayList<>();
    if (isUp(nowNanos)) {
      warnings.forEach(w -> all.add(w.text()));
    }
    String expiring = certificate == null ? null : certificate.warning();
    if (expiring != null) {
      all.add(expiring);
    }
    return all;
  }

  /** The damped state of a check. */
  public enum Reported {
    /** Not run to completion yet. */
    PENDING,
    UP,
    DOWN
  }

  public static CheckState pending(String name, long maxAgeNanos) {
    return new CheckState(name, Reported.PENDING, null, "not checked yet", 0, null, 0, maxAgeNanos, 0, 0);
  }

  /** True when the check reports up and its result is fresh at {@code nowNanos}. */
  public boolean isUp(long nowNanos) {
    return reported == Reported.UP && !isStale(nowNanos);
  }

  /** True when the latest result is older than the check's max age (or there is none). */
  public boolean isStale(long nowNanos) {
    return reported == Reported.PENDING || nowNanos - completedAtNanos > maxAgeNanos;
  }

  /** Why the check counts as down at {@code nowNanos}, or {@code null} when it is up. */
  public FailureKind effectiveKind(long nowNanos) {
    if (isUp(nowNanos)) {
      return null;
    }
    return reported == Reported.UP ? FailureKind.STALE : kind;
  }

  /** The sanitised reason the check counts as down at {@code nowNanos}, or {@code null} when it is up. */
  public String effectiveReason(long nowNanos) {
    if (isUp(nowNanos)) {
      return null;
    }
    if (reported == Reported.UP) {
      return "stale: no result for " + (nowNanos - completedAtNanos) / 1_000_000 + " ms";
    }
    return reason;
  }
}
