package io.healthservice.impl.monitor;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.MonitorClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Duration;
import java.util.Objects;

/**
 * The monitor's one timeout mechanism: a ping and a timer race, and whichever ends first decides the run
 * (try-complete, so the loser is ignored). A late answer of a timed-out ping is dropped here.
 */
final class TimedPing {

  private TimedPing() {
  }

  /** Pings {@code check}; fails with a {@link FailureKind#TIMEOUT} failure when it has not answered in time. */
  static Future<Void> ping(DependencyCheck check, CheckContext context, long timeoutMs, MonitorClock clock) {
    Promise<Void> outcome = Promise.promise();
    long timer = clock.setTimer(timeoutMs,
      id -> outcome.tryFail(new CheckFailure(FailureKind.TIMEOUT, "timeout after " + timeoutMs + " ms")));
    Future<Void> ping;
    try {
      ping = Objects.requireNonNull(check.ping(context), "ping() returned null");
    } catch (RuntimeException e) {
      // A check that throws instead of failing its future still ends its run.
      ping = Future.failedFuture(e);
    }
    ping.onComplete(ar -> {
      if (ar.succeeded()) {
        outcome.tryComplete();
      } else {
        outcome.tryFail(ar.cause());
      }
    });
    return outcome.future().onComplete(ar -> clock.cancelTimer(timer));
  }
}
