package io.healthservice.impl.monitor;

import io.healthservice.CheckState;
import io.healthservice.FailureKind;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

/**
 * The monitor's checks as Vert.x {@link HealthChecks} procedures. Each completes inside the call from the
 * latest snapshot: no I/O per request, so a {@code HealthCheckHandler} over them never waits for a hung
 * dependency, never hits its procedure timeout and so never answers 500 for one.
 */
final class SnapshotProcedures {

  /**
   * Timeout given to Vert.x for each procedure. The procedure completes before any timer can fire; a short
   * value only limits how long Vert.x keeps each request's unused timer alive.
   */
  static final long TIMEOUT_MS = 100;

  private SnapshotProcedures() {
  }

  /** Registers {@code check}'s procedure under {@code procedure} ("database", "llm_services/openai"). */
  static void register(HealthChecks target, String procedure, String check, HealthMonitor monitor) {
    target.register(procedure, TIMEOUT_MS,
      promise -> promise.tryComplete(status(monitor.snapshot().checks().get(check), monitor.clock().nanoTime())));
  }

  /**
   * OK, or KO with only {@code {"kind": ...}}: {@code timeout}, {@code refused}, {@code http_status},
   * {@code stale}, {@code error}, or {@code pending} before the first result. Never the reason text: our
   * routes show reasons only to authorised callers, and the stock handler cannot tell who is asking.
   */
  static Status status(CheckState state, long nowNanos) {
    if (state.isUp(nowNanos)) {
      return Status.OK();
    }
    FailureKind kind = state.effectiveKind(nowNanos);
    return Status.KO(new JsonObject().put("kind", kind == null ? "pending" : kind.label()));
  }
}
