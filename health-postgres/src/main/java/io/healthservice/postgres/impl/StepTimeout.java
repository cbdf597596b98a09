package io.healthservice.postgres.impl;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;

import java.util.concurrent.TimeUnit;

/**
 * A step of a run that must not take the whole budget (one host of a list, a connection out of a shared pool):
 * Vert.x's {@link Future#timeout}, failing with the same words as the monitor's own limit on a run.
 */
public final class StepTimeout {

  private StepTimeout() {
  }

  /** {@code step}, or a {@code timeout after N ms} failure if it has not ended within {@code ms}. */
  public static <T> Future<T> within(Future<T> step, long ms) {
    return step.timeout(ms, TimeUnit.MILLISECONDS).recover(error -> Future.failedFuture(step.isComplete() ? error
      : new CheckFailure(FailureKind.TIMEOUT, "timeout after " + ms + " ms")));
  }
}
