package io.healthservice.impl.monitor;

import io.healthservice.MonitorClock;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures event-loop lag for liveness: each watched loop runs a periodic timer that records when it
 * last fired. A loop whose timer has not fired for longer than the threshold is blocked; another loop
 * can still answer {@code /health/live} with 503 and say so.
 */
public final class EventLoopWatch {

  /**
   * Ticks per threshold: a block is seen within 1/5 of the threshold of crossing it. Each tick wakes
   * an otherwise idle loop, so the period is as long as that allows (1 s for the 5 s default), not a
   * fixed 100 ms: ten wake-ups a second per loop were the largest idle CPU cost of the process.
   */
  static final int TICKS_PER_THRESHOLD = 5;
  /** An event loop that has not ticked for this long fails liveness: the one lag threshold. */
  public static final long DEFAULT_THRESHOLD_MS = 5_000;
  private final long thresholdNanos;
  private final long tickMs;
  private final Map<String, AtomicLong> lastTicks = new ConcurrentHashMap<>();
  /** The values of {@code lastTicks}, copied on watch and unwatch: /health/live reads them without an iterator. */
  private volatile AtomicLong[] ticks = new AtomicLong[0];
  /** The periodic timer of each watched loop: a tick whose timer is no longer here cancels itself. */
  private final Map<String, Long> timers = new ConcurrentHashMap<>();
  private final MonitorClock clock;

  /** @param clock what ticks are stamped with; callers of {@link #healthy(long)} must read the same one */
  public EventLoopWatch(long thresholdMs, MonitorClock clock) {
    this.thresholdNanos = thresholdMs * 1_000_000;
    this.tickMs = Math.max(1, thresholdMs / TICKS_PER_THRESHOLD);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Starts watching the event loop of the calling context under {@code name}; returns the timer id. */
  public long watchCurrentLoop(Vertx vertx, String name) {
    AtomicLong lastTick = new AtomicLong(clock.nanoTime());
    lastTicks.put(name, lastTick);
    refreshTicks();
    // A Vert.x timer, not the clock's: the tick must run on the very loop it watches.
    long timer = vertx.setPeriodic(tickMs, id -> {
      if (!Long.valueOf(id).equals(timers.get(name))) {
        vertx.cancelTimer(id);
        return;
      }
      lastTick.set(clock.nanoTime());
    });
    timers.put(name, timer);
    return timer;
  }

  /** Stops watching {@code name}; its timer cancels itself at its next tick. */
  public void unwatch(String name) {
    timers.remove(name);
    lastTicks.remove(name);
    refreshTicks();
  }

  /** Locked so that the last copy of concurrent watches and unwatches sees all of them. */
  private synchronized void refreshTicks() {
    ticks = lastTicks.values().toArray(AtomicLong[]::new);
  }

  /** The largest delay, in ms, since any watched loop last ticked (beyond its normal period). */
  public long maxLagMs(long nowNanos) {
    long worst = 0;
    for (AtomicLong tick : ticks) {
      worst = Math.max(worst, nowNanos - tick.get());
    }
    return Math.max(0, worst / 1_000_000 - tickMs);
  }

  /** True when every watched loop ticked within the threshold. */
  public boolean healthy(long nowNanos) {
    for (AtomicLong tick : ticks) {
      if (nowNanos - tick.get() > thresholdNanos) {
        return false;
      }
    }
    return true;
  }
}
