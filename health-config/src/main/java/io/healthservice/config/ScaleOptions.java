package io.healthservice.config;

import java.util.Set;

/**
 * What thousands of checks need tuned: {@code monitor.max_runs_in_flight} (runs at once; more wait, delayed and
 * never dropped) and {@code metrics.check_histograms} (per-check duration buckets, about 1 KB of /metrics per
 * check; off by default, when each check has a count, a sum and a max).
 */
public record ScaleOptions(int maxRunsInFlight, boolean checkHistograms) {

  public static final ScaleOptions DEFAULT = new ScaleOptions(1024, false);

  static ScaleOptions read(TypedReader monitor, TypedReader metrics) {
    monitor.allowOnly(Set.of("max_runs_in_flight"));
    metrics.allowOnly(Set.of("check_histograms"));
    int max = monitor.integer("max_runs_in_flight", DEFAULT.maxRunsInFlight());
    if (max < 1 || max > 100_000) {
      throw monitor.error("max_runs_in_flight", "must be 1-100000");
    }
    return new ScaleOptions(max, metrics.bool("check_histograms", DEFAULT.checkHistograms()));
  }
}
