package io.healthservice.support;

import io.healthservice.MonitorClock;
import io.vertx.core.Handler;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * A clock that only moves when the test says so: {@link #advance(long)} fires the timers that fall due, in
 * order of due time, each with the time set to its due time. Timers fire on the thread that advances.
 * {@link #nanoTime()} may be read from any thread (e.g. by procedures answering HTTP requests).
 */
public final class FakeClock implements MonitorClock {

  public static final Instant START = Instant.parse("2026-11-24T08:00:00Z");
  /** Not zero, so that a forgotten "0 = never" shows up. */
  private static final long ORIGIN_NANOS = 1_000_000_000_000L;

  private record Timer(long id, long dueNanos, Handler<Long> handler) {
  }

  private final Map<Long, Timer> timers = new HashMap<>();
  /** The same timers in firing order, so that thousands of them fire in O(log n) each. */
  private final TreeSet<Timer> queue = new TreeSet<>(Comparator.comparingLong(Timer::dueNanos).thenComparingLong(Timer::id));
  private long nextId = 1;
  private volatile long nanos = ORIGIN_NANOS;

  @Override
  public long nanoTime() {
    return nanos;
  }

  @Override
  public Instant now() {
    return START.plusNanos(nanos - ORIGIN_NANOS);
  }

  /** Milliseconds since the clock was created. */
  public long elapsedMs() {
    return (nanos - ORIGIN_NANOS) / 1_000_000;
  }

  @Override
  public synchronized long setTimer(long delayMs, Handler<Long> handler) {
    long id = nextId++;
    Timer timer = new Timer(id, nanos + Math.max(1, delayMs) * 1_000_000, handler);
    timers.put(id, timer);
    queue.add(timer);
    return id;
  }

  @Override
  public synchronized boolean cancelTimer(long id) {
    Timer timer = timers.remove(id);
    return timer != null && queue.remove(timer);
  }

  public synchronized int pendingTimers() {
    return timers.size();
  }

  /** Moves time forward by {@code ms}, firing every timer due by then, including timers those timers set. */
  public void advance(long ms) {
    long target = nanos + ms * 1_000_000;
    while (true) {
      Timer next;
      synchronized (this) {
        next = queue.isEmpty() || queue.first().dueNanos() > target ? null : queue.pollFirst();
        if (next == null) {
          nanos = target;
          return;
        }
        timers.remove(next.id());
        nanos = next.dueNanos();
      }
      next.handler().handle(next.id());
    }
  }
}
