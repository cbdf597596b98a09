package io.healthservice.impl.monitor;

import java.util.random.RandomGenerator;

/**
 * How the monitor paces runs. A few checks run exactly on their interval and every result is published at once.
 * Past {@link #SCALE} checks, the second run of each check falls at a random phase of the interval after its first
 * run, and each
 * later run starts up to a small jitter late, so thousands of checks never fire in the same millisecond; and
 * results are published at most once per tick, because publishing copies every check's state.
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

  public Pacing {
    if (jitterPercent < 0 || maxJitterMs < 0 || maxInFlight < 1 || publishTickMs < 0) {
      throw new IllegalArgumentException("invalid pacing");
    }
  }

  /** The pacing for a monitor of {@code checks} checks. */
  public static Pacing forChecks(int checks, int maxInFlight) {
    return checks > SCALE ? new Pacing(true, 5, 1_000, maxInFlight, 100) : new Pacing(false, 0, 0, maxInFlight, 0);
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

  /** When, after its first run, a check's second run falls: the interval itself, or a random phase of it. */
  long secondRunMs(long intervalMs, RandomGenerator random) {
    return spread && intervalMs > 1 ? 1 + random.nextLong(intervalMs) : intervalMs;
  }
}
