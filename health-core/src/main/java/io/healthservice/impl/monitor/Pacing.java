package io.healthservice.impl.monitor;

import java.util.random.RandomGenerator;

/**
 * How the monitor paces runs. A few checks run exactly on their interval, all first runs at once, and every result is
 * published at once. Past {@link #SCALE} checks, a critical check still runs first at once (the verdict waits for it)
 * and its second run falls at a random phase of the interval after the first; a non-critical check's first run falls
 * at a random phase of its first interval (at most {@link #FIRST_RUN_SPREAD_MS}), so a start neither bursts thousands
 * of connections at the estate nor waits for them to be ready; each later run starts up to a small jitter late, so
 * thousands of checks never fire in the same millisecond; and results are published at most once per tick, because
 * publishing copies every check's state.
 *
 * @param spread        whether a check's second run falls at a random phase of its first interval
 * @param jitterPercent how late, as a share of the interval, a run may start (at most {@code maxJitterMs}); the
 *                      schedule is anchored, so jitter never accumulates into drift
 * @param maxJitterMs   the cap on that lateness
 * @param maxInFlight   runs in flight at once; a run over it waits for a slot, delayed, never dropped
 * @param publishTickMs at most one snapshot per tick; 0 publishes every result at once
 */
public record Pacing(boolean spread, int jitterPercent, long maxJitterMs, int maxInFlight, long publishTickMs) {

  /** Up to this many checks, runs are exact and every result is published at once. */
  public static final int SCALE = 100;
  /** Enough for a few thousand checks against a hung subnet; low enough to keep start from opening 10,000 sockets. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 1024;
  /** At scale, a non-critical check's first run falls this long after the start at most: pending no longer. */
  public static final long FIRST_RUN_SPREAD_MS = 30_000;

  public Pacing {
    if (jitterPercent < 0 || maxJitterMs < 0 || maxInFlight < 1 || publishTickMs < 0) {
      throw new IllegalArgumentException("invalid pacing");
    }
  }

  /** The pacing for a monitor of {@code checks} checks. */
  public static Pacing forChecks(int checks, int maxInFlight) {
    return checks > SCALE ? new Pacing(true, 5, 1_000, maxInFlight, publishTickMs(checks))
      : new Pacing(false, 0, 0, maxInFlight, 0);
  }

  /**
   * 100 ms up to 1,000 checks, then a millisecond per 10 checks up to a second at 10,000: what each publication costs
   * (the listeners' copies, the probes' rendering of every check) grows with the checks, the tick with it. A result
   * is at most that late on the probes, a tenth of the usual 10 s interval.
   */
  static long publishTickMs(int checks) {
    return Math.max(100, Math.min(1_000, checks / 10));
  }

  /** The same pacing with another cap on runs in flight. */
  public Pacing withMaxInFlight(int max) {
    return new Pacing(spread, jitterPercent, maxJitterMs, max, publishTickMs);
  }

  /** A run's lateness, from 0 up to its interval's jitter. */
  long jitterMs(long intervalMs, RandomGenerator random) {
    long jitter = Math.min(maxJitterMs, intervalMs * jitterPercent / 100);
    return jitter <= 0 ? 0 : random.nextLong(jitter + 1);
  }

  /**
   * How long after the start a check's first run falls: at once below scale and for a check that gates the start
   * (a critical one), else at a random phase of its first interval, at most {@link #FIRST_RUN_SPREAD_MS}.
   */
  long firstRunMs(long intervalMs, boolean gatesStart, RandomGenerator random) {
    long window = Math.min(intervalMs, FIRST_RUN_SPREAD_MS);
    return !spread || gatesStart || window <= 1 ? 0 : random.nextLong(window);
  }

  /** Whether a check must complete its first run before the monitor has started: all of them below scale. */
  boolean gatesStart(boolean critical) {
    return !spread || critical;
  }

  /** When, after its first run, a check's second run falls: the interval itself, or a random phase of it. */
  long secondRunMs(long intervalMs, RandomGenerator random) {
    return spread && intervalMs > 1 ? 1 + random.nextLong(intervalMs) : intervalMs;
  }
}
