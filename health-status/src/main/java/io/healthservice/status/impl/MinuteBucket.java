package io.healthservice.status.impl;

/**
 * One wall-clock minute of a check, or ten-minute period, as the views read it (unpacked from a {@link Tier} when they
 * render): its runs, failures and latency, and how long it was up, down or in maintenance.
 *
 * @param epochMinute   minutes since 1970-01-01T00:00Z (UTC): the minute, or the period's first minute
 * @param runs          runs that completed in this minute (or period)
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

  /** Mean latency of the minute's counted runs, 0 without one. */
  public double avgMs() {
    return latencyRuns == 0 ? 0 : (double) sumMs / latencyRuns;
  }
}
