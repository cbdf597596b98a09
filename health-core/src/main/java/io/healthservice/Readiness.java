package io.healthservice;

import io.healthservice.impl.monitor.HealthReport;
import io.healthservice.impl.monitor.ProcessState;

import java.util.Objects;
import java.util.Set;

/**
 * The one verdict: who is live, started and ready, and what one dependency name says. Each probe asks one
 * question, so that an orchestrator acting on its answer does the right thing: restart a stuck process,
 * wait for a starting one, route around one that cannot serve. HTTP, gRPC and the views only render it.
 */
public final class Readiness {

  private final ProcessState process;

  Readiness(ProcessState process) {
    this.process = Objects.requireNonNull(process);
  }

  /** Live: every event loop ticked recently. Never dependencies: a database outage must not restart every pod. */
  public boolean live(long nowNanos) {
    return process.eventLoops().healthy(nowNanos);
  }

  public long eventLoopLagMs(long nowNanos) {
    return process.eventLoops().maxLagMs(nowNanos);
  }

  /** Started: every check has completed one run, so the other probes speak from results, not guesses. */
  public static boolean started(HealthSnapshot snapshot) {
    return snapshot.started();
  }

  /** What keeps the instance out of rotation whatever its dependencies say: "draining", "starting", or null. */
  public String notReadyReason(HealthSnapshot snapshot) {
    return notReadyReason(started(snapshot));
  }

  /** {@link #notReadyReason(HealthSnapshot)} for a caller that knows whether it has started (the probes cache it). */
  public String notReadyReason(boolean started) {
    return process.draining() ? "draining" : !started ? "starting" : null;
  }

  /** Ready: nothing holds it back and no critical dependency is down; degraded keeps it in rotation. */
  public static boolean ready(String notReadyReason, HealthStatus status) {
    return notReadyReason == null && status != HealthStatus.ERROR;
  }

  /** The aggregate status of {@code snapshot} judged at {@code nowNanos}: the {@code status} field of {@code /health}. */
  public static HealthStatus status(HealthSnapshot snapshot, long nowNanos) {
    return HealthReport.evaluate(snapshot, nowNanos).status();
  }

  /** {@link #ready(String, HealthStatus)} for {@code snapshot} judged at {@code nowNanos}. */
  public boolean ready(HealthSnapshot snapshot, long nowNanos) {
    String reason = notReadyReason(snapshot);
    return reason == null && ready(null, HealthReport.evaluate(snapshot, nowNanos).status());
  }

  /**
   * The status of the dependency entry, or the group member, called {@code name} ({@link HealthSnapshot#entryFor});
   * null for a name that is neither.
   */
  public static HealthStatus dependency(HealthSnapshot snapshot, String name, long nowNanos) {
    return snapshot.entryFor(name).map(group -> HealthReport.entry(snapshot, group, nowNanos, Set.of()).status())
      .orElse(null);
  }
}
