package io.healthservice.impl.http;

import io.healthservice.CheckState;
import io.healthservice.HealthSnapshot;
import io.healthservice.HealthStatus;
import io.healthservice.impl.monitor.HealthReport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The hot path: the short form of a plain probe is rendered once per state change, not once per probe.
 * What depends on the report is kept for one snapshot until a result in it turns stale; uptime and
 * timestamp are appended by {@link TimedBodies#shortForm}.
 */
final class RenderCache {

  /** How long a rendering stays valid when no fresh result would turn stale sooner. */
  private static final long MAX_VALIDITY_NANOS = 60_000_000_000L;

  /**
   * The report-dependent part of the short form as UTF-8, valid for one snapshot until a result goes stale,
   * and whether the snapshot has started (a scan of every check, done once here rather than per probe).
   */
  record Rendered(HealthSnapshot snapshot, long validUntilNanos, HealthStatus status, TimedBodies.Prefix prefix,
                  boolean started) {
  }

  private final ServiceIdentity identity;
  // Shared by every event loop; a race only renders the same thing twice.
  private volatile Rendered last;

  RenderCache(ServiceIdentity identity) {
    this.identity = Objects.requireNonNull(identity);
  }

  Rendered rendered(HealthSnapshot snapshot, long nowNanos) {
    Rendered cached = last;
    if (cached != null && cached.snapshot() == snapshot && nowNanos - cached.validUntilNanos() < 0) {
      return cached;
    }
    HealthReport report = HealthReport.evaluate(snapshot, nowNanos);
    Rendered fresh = new Rendered(snapshot, nextStaleness(snapshot, nowNanos), report.status(),
      prefix(HealthJson.summaryPrefix(report, identity).getBytes(StandardCharsets.UTF_8), cached), snapshot.started());
    last = fresh;
    return fresh;
  }

  /**
   * The prefix of {@code bytes}: the last rendering's when they are the same (a new snapshot seldom changes a verdict),
   * so that a large one is copied into direct memory only when it changes.
   */
  private static TimedBodies.Prefix prefix(byte[] bytes, Rendered cached) {
    return cached != null && Arrays.equals(cached.prefix().bytes(), bytes) ? cached.prefix() : TimedBodies.Prefix.of(bytes);
  }

  /** When the first result that is fresh now will turn stale: the rendering must be redone by then. */
  private static long nextStaleness(HealthSnapshot snapshot, long nowNanos) {
    long until = nowNanos + MAX_VALIDITY_NANOS;
    for (CheckState state : snapshot.checks().values()) {
      if (!state.isStale(nowNanos)) {
        long staleAt = state.completedAtNanos() + state.maxAgeNanos();
        if (staleAt - until < 0) {
          until = staleAt;
        }
      }
    }
    return until;
  }
}
