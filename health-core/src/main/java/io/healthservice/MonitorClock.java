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

  /** The system clocks and Vert.x timers. */
  static MonitorClock of(Vertx vertx) {
    return new VertxClock(vertx);
  }
}
