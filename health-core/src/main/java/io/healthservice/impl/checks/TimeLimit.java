package io.healthservice.impl.checks;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * A step's own limit inside a run: the monitor's timer ends the whole run, but a host list must move on
 * from a hung host while budget is left for the next one.
 */
public final class TimeLimit {

  private TimeLimit() {
  }

  /** {@code step}, or a {@code timeout after N ms} failure if it has not ended within {@code ms}. */
  public static <T> Future<T> of(Vertx vertx, Future<T> step, long ms) {
    Promise<T> limited = Promise.promise();
    long timer = vertx.setTimer(ms, id -> limited.tryFail(new CheckFailure(FailureKind.TIMEOUT, "timeout after " + ms + " ms")));
    step.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        limited.tryComplete(ar.result());
      } else {
        limited.tryFail(ar.cause());
      }
    });
    return limited.future();
  }
}
