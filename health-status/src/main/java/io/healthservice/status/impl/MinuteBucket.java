package io.healthservice.status.impl;

/**
 * One wall-clock minute of a check: its runs, failures and latency, and how long it was up, down or in maintenance.
 *
 * @param epochMinute   minutes since 1970-01-01T00:00Z (UTC)
 * @param runs          runs that completed in this minute
 * @param failures      of those, runs that failed (before damping)
 * @param warnings      of those, runs that succeeded with a warning
 * @param minMs         fastest run counted for latency, 0 without one
 * @param maxMs         slowest run counted for latency, 0 without one
 * @param sumMs         total of the counted runs' latencies, for the mean
 * @param latencyRuns   runs counted for latency: all but the check's first run after start (a cold connection)
 * @param upMs          time in this minute the check reported up, outside maintenance
 * @param downMs        time it reported down or stale, outside maintenance (time pending counts as neither)
 * @param maintenanceMs time a maintenance window covered the check: in neither up nor down
 */
public record MinuteBucket(long epochMinute, int runs, int failures, int warnings, long minMs, long maxMs, long sumMs,
                           int latencyRuns, long upMs, long downMs, long maintenanceMs) {

  static MinuteBucket empty(long epochMinute) {
    return new MinuteBucket(epochMinute, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** Mean latency of the minute's counted runs, 0 without one. */
  public double avgMs() {
    return latencyRuns == 0 ? 0 : (double) sumMs / latencyRuns;
  }

  /** A run; {@code counted} false leaves its latency out (the first run after start). */
  MinuteBucket withRun(long latencyMs, boolean failed, boolean warned, boolean counted) {
    if (!counted) {
      return new MinuteBucket(epochMinute, runs + 1, failures + (failed ? 1 : 0), warnings + (warned ? 1 : 0),
        minMs, maxMs, sumMs, latencyRuns, upMs, downMs, maintenanceMs);
    }
    return new MinuteBucket(epochMinute, runs + 1, failures + (failed ? 1 : 0), warnings + (warned ? 1 : 0),
      latencyRuns == 0 ? latencyMs : Math.min(minMs, latencyMs), latencyRuns == 0 ? latencyMs : Math.max(maxMs, latencyMs),
      sumMs + latencyMs, latencyRuns + 1, upMs, downMs, maintenanceMs);
  }

  /** {@code ms} of this minute: in maintenance, else up or down. */
  MinuteBucket withTime(boolean up, boolean maintenance, long ms) {
    return new MinuteBucket(epochMinute, runs, failures, warnings, minMs, maxMs, sumMs, latencyRuns,
      upMs + (!maintenance && up ? ms : 0), downMs + (!maintenance && !up ? ms : 0), maintenanceMs + (maintenance ? ms : 0));
  }
}
