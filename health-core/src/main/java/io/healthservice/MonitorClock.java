package io.healthservice;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.time.Instant;

/**
 * Where the monitor, its listeners and the views take time and timers from. Production uses Vert.x
 * ({@link #of(Vertx)}); tests use a clock they advance by hand, so thresholds, timeouts, back-off and
 * staleness are tested in milliseconds without sleeping.
 */
public interface MonitorClock {

  /** Monotonic nanoseconds, for durations and ages; only differences are meaningful. */
  long nanoTime();

  /** Wall-clock time, for {@code last_checked}. */
  Instant now();

  /**
   * Calls {@code handler} once, {@code delayMs} (at least 1) from now, on the caller's event loop when there
   * is one; returns an id for {@link #cancelTimer(long)}.
   */
  long setTimer(long delayMs, Handler<Long> handler);

  /** Cancels a timer that has not fired yet; returns false when it already fired or was cancelled. */
  boolean cancelTimer(long id);

  /**
   * The one timeout mechanism: {@code work}'s outcome, or {@code onTimeout}'s failure when {@code work} has not
   * ended {@code ms} from now on this clock (whichever comes first decides; the loser is ignored, and the timer
   * is cancelled). The monitor bounds every run with it, the notifications every post.
   */
  default <T> io.vertx.core.Future<T> within(io.vertx.core.Future<T> work, long ms,
                                             java.util.function.Supplier<? extends Throwable> onTimeout) {
    io.vertx.core.Promise<T> outcome = io.vertx.core.Promise.promise();
    long timer = setTimer(ms, id -> outcome.tryFail(onTimeout.get()));
    work.onComplete(ar -> {
      if (ar.succeeded()) {
        outcome.tryComplete(ar.result());
      } else {
        outcome.tryFail(ar.cause());
      }
    });
    return outcome.future().onComplete(ar -> cancelTimer(timer));
  }

  /** The system clocks and Vert.x timers. */
  static MonitorClock of(Vertx vertx) {
    return new VertxClock(vertx);
  }
}
