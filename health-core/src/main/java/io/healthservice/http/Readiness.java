package io.healthservice.http;

import io.healthservice.monitor.HealthSnapshot;
import io.healthservice.monitor.HealthStatus;
import io.healthservice.monitor.ProcessState;

import java.util.Objects;

/**
 * Who is live, started and ready. Each probe asks one question, so that an orchestrator acting on its
 * answer does the right thing: restart a stuck process, wait for a starting one, route around one that
 * cannot serve.
 */
final class Readiness {

  private final ProcessState process;

  Readiness(ProcessState process) {
    this.process = Objects.requireNonNull(process);
  }

  /** Live: every event loop ticked recently. Never dependencies: a database outage must not restart every pod. */
  boolean live(long nowNanos) {
    return process.eventLoops().healthy(nowNanos);
  }

  long eventLoopLagMs(long nowNanos) {
    return process.eventLoops().maxLagMs(nowNanos);
  }

  /** Started: every check has completed one run, so the other probes speak from results, not guesses. */
  static boolean started(HealthSnapshot snapshot) {
    return snapshot.started();
  }

  /** What keeps the instance out of rotation whatever its dependencies say: "draining", "starting", or null. */
  String notReadyReason(HealthSnapshot snapshot) {
    return process.draining() ? "draining" : !started(snapshot) ? "starting" : null;
  }

  /** Ready: nothing holds it back and no critical dependency is down; degraded keeps it in rotation. */
  static boolean ready(String notReadyReason, HealthStatus status) {
    return notReadyReason == null && status != HealthStatus.ERROR;
  }
}
