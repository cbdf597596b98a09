package io.healthservice.impl.monitor;

import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.CheckState;
import io.healthservice.FailureKind;

import java.time.Instant;

/** Turns one run's outcome into the check's next state: failure and success thresholds damp flapping. */
final class Damping {

  private Damping() {
  }

  /**
   * @param failure   why the run failed, or {@code null} when it succeeded
   * @param backoffMs how long the dependency asked us to wait before the next run (HTTP 429), else 0
   */
  static CheckState next(CheckState previous, CheckFailure failure, CheckSettings settings, long startedNanos,
                         long finishedNanos, Instant checkedAt, long backoffMs) {
    boolean ok = failure == null;
    int failures = ok ? 0 : previous.consecutiveFailures() + 1;
    int successes = ok ? previous.consecutiveSuccesses() + 1 : 0;
    CheckState.Reported reported = switch (previous.reported()) {
      case PENDING -> ok ? CheckState.Reported.UP : CheckState.Reported.DOWN;
      case UP -> !ok && failures >= settings.failureThreshold() ? CheckState.Reported.DOWN : CheckState.Reported.UP;
      case DOWN -> ok && successes >= settings.successThreshold() ? CheckState.Reported.UP : CheckState.Reported.DOWN;
    };
    FailureKind kind = null;
    String reason = null;
    if (reported == CheckState.Reported.DOWN) {
      // While recovering (ok, but below the success threshold), keep the reason it went down for.
      kind = ok ? previous.kind() : failure.kind();
      reason = ok ? previous.reason() : failure.reason();
    }
    return new CheckState(previous.name(), reported, kind, reason, (finishedNanos - startedNanos) / 1_000_000,
      checkedAt, finishedNanos,
      // While backing off (HTTP 429), the result is expected to age: it is not stale before the next run.
      settings.maxAge().toNanos() + backoffMs * 1_000_000, failures, successes);
  }
}
