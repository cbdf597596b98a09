package io.healthservice.metrics;

import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthChecker;
import io.healthservice.HealthSnapshot;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series every check has ({@code health_check_status}, {@code health_check_warnings},
 * {@code health_state_changes_total} and, unless histograms were asked for, {@code health_check_duration_seconds}'s
 * count, sum and max) as one Prometheus collector over plain per-check counts, written as Micrometer wrote them. Four
 * Micrometer meters per check held about 2 KB of heap (ids, tags, maps, a windowed max) and made a scrape of 10,000
 * checks take a third of a second; a check's counts here are one small object. Counts are written on the monitor's
 * loop only and read by scrapes on any thread.
 */
final class CheckSeries implements MultiCollector {

  /** One check's counts: a single writer (the monitor's loop), any reader. */
  static final class Counts {
    private static final long MAX_SLOT_NANOS = 30_000_000_000L;
    private volatile long runs;
    private volatile double sumSeconds;
    private volatile double max;
    private volatile double previousMax;
    private volatile long slot;
    private volatile long changes;

    /** A run of {@code ms}; the max is that of the last 30 to 60 s, as Micrometer's windowed max is of a minute. */
    void run(long ms, long nowNanos) {
      double seconds = ms / 1000.0;
      long current = nowNanos / MAX_SLOT_NANOS;
      if (current != slot) {
        previousMax = current == slot + 1 ? max : 0;
        max = 0;
        slot = current;
      }
      runs = runs + 1;
      sumSeconds = sumSeconds + seconds;
      if (seconds > max) {
        max = seconds;
      }
    }

    void changed() {
      changes = changes + 1;
    }

    double max(long nowNanos) {
      long current = nowNanos / MAX_SLOT_NANOS;
      return current == slot ? Math.max(max, previousMax) : current == slot + 1 ? max : 0;
    }
  }

  private static final String STATUS = "health_check_status";
  private static final String WARNINGS = "health_check_warnings";
  private static final String CHANGES = "health_state_changes";
  private static final String DURATION = "health_check_duration_seconds";
  private static final String DURATION_MAX = "health_check_duration_seconds_max";
  private static final String DURATION_HELP = "Duration of each check run, timeouts included";

  private final HealthChecker checker;
  private final boolean durations;
  private final Map<String, Counts> counts = new ConcurrentHashMap<>();

  /** @param durations whether the run durations are here (false: Micrometer's histograms carry them) */
  CheckSeries(HealthChecker checker, boolean durations) {
    this.checker = checker;
    this.durations = durations;
  }

  /** The counts of {@code check}, created at its first use. */
  Counts of(String check) {
    return counts.computeIfAbsent(check, name -> new Counts());
  }

  boolean has(String check) {
    return counts.containsKey(check);
  }

  void remove(String check) {
    counts.remove(check);
  }

  @Override
  public List<String> getPrometheusNames() {
    return durations ? List.of(STATUS, WARNINGS, CHANGES, DURATION, DURATION_MAX) : List.of(STATUS, WARNINGS, CHANGES);
  }

  @Override
  public MetricSnapshots collect() {
    HealthSnapshot snapshot = checker.snapshot();
    long now = checker.clock().nanoTime();
    GaugeSnapshot.Builder status = GaugeSnapshot.builder().name(STATUS)
      .help("1 when the check is up and its result fresh, else 0");
    GaugeSnapshot.Builder warnings = GaugeSnapshot.builder().name(WARNINGS)
      .help("Warnings of the check's latest successful run (0 when none); the texts are in ?verbose");
    CounterSnapshot.Builder changes = CounterSnapshot.builder().name(CHANGES)
      .help("Changes of a check's reported state (ok/down/stale); many of them mean flapping");
    SummarySnapshot.Builder duration = SummarySnapshot.builder().name(DURATION).help(DURATION_HELP);
    GaugeSnapshot.Builder durationMax = GaugeSnapshot.builder().name(DURATION_MAX).help(DURATION_HELP);
    for (DependencyGroup group : snapshot.groups()) {
      for (String check : group.checks()) {
        Counts count = counts.get(check);
        CheckState state = snapshot.checks().get(check);
        if (count == null || state == null) {
          continue; // added by a reload and not run yet, or just removed
        }
        Labels byCheck = Labels.of("check", check);
        status.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
          .labels(Labels.of("check", check, "critical", Boolean.toString(group.critical()), "group", group.name()))
          .value(state.isUp(now) ? 1 : 0).build());
        warnings.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(byCheck)
          .value(state.warnings().size()).build());
        changes.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(byCheck).value(count.changes).build());
        if (durations) {
          duration.dataPoint(SummarySnapshot.SummaryDataPointSnapshot.builder().labels(byCheck)
            .count(count.runs).sum(count.sumSeconds).build());
          durationMax.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(byCheck)
            .value(count.max(now)).build());
        }
      }
    }
    List<MetricSnapshot> all = new ArrayList<>(List.of(status.build(), warnings.build(), changes.build()));
    if (durations) {
      all.add(duration.build());
      all.add(durationMax.build());
    }
    return new MetricSnapshots(all);
  }
}
