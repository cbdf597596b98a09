package io.healthservice.status.impl;

/**
 * One wall-clock minute of a check: its runs, failures and latency, and how long it was up or down.
 *
 * @param epochMinute minutes since 1970-01-01T00:00Z (UTC)
 * @param runs        runs that completed in this minute
 * @param failures    of those, runs that failed (before damping)
 * @param minMs       fastest run, 0 without runs
 * @param maxMs       slowest run, 0 without runs
 * @param sumMs       total of the runs' latencies, for the average
 * @param upMs        time in this minute the check reported up
 * @param downMs      time in this minute it reported down or stale (time still pending counts as neither)
 */
public record MinuteBucket(long epochMinute, int runs, int failures, long minMs, long maxMs, long sumMs,
                           long upMs, long downMs) {

  static MinuteBucket empty(long epochMinute) {
    return new MinuteBucket(epochMinute, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Mean latency of the minute's runs, 0 without runs. */
  public double avgMs() {
    return runs == 0 ? 0 : (double) sumMs / runs;
  }

  MinuteBucket withRun(long latencyMs, boolean failed) {
    return new MinuteBucket(epochMinute, runs + 1, failures + (failed ? 1 : 0),
      runs == 0 ? latencyMs : Math.min(minMs, latencyMs), runs == 0 ? latencyMs : Math.max(maxMs, latencyMs),
      sumMs + latencyMs, upMs, downMs);
  }

  MinuteBucket withTime(boolean up, long ms) {
    return up ? new MinuteBucket(epochMinute, runs, failures, minMs, maxMs, sumMs, upMs + ms, downMs)
      : new MinuteBucket(epochMinute, runs, failures, minMs, maxMs, sumMs, upMs, downMs + ms);
  }
}
