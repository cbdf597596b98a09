package io.healthservice.status.impl;

import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.status.HistoryStore.FleetCheck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One check as the status views show it, judged at one instant: its state now (staleness decided here, as for
 * the probes), its history, the maintenance window covering it and the fleet's view of it. Cheap to build for
 * thousands of checks: uptime and latency are computed only for the rows a view renders.
 *
 * @param state       {@code ok}, {@code down}, {@code stale} or {@code pending} on this replica
 * @param kind        the check's kind, if known
 * @param maintenance the window covering the check now
 * @param fleet       the check across the replicas, read from the history store
 */
record StatusRow(String check, DependencyGroup group, Optional<String> kind, String state, CheckState latest,
                 Optional<CheckHistory> history, Optional<String> maintenance, Optional<FleetCheck> fleet,
                 long nowNanos, Instant now) {

  static final Duration HOUR = Duration.ofHours(1);
  static final Duration DAY = Duration.ofHours(24);

  /** Every check of {@code snapshot}, in the order of its groups. */
  static List<StatusRow> all(HealthSnapshot snapshot, HistorySnapshot history, RowContext context) {
    List<StatusRow> rows = new ArrayList<>(snapshot.checks().size());
    for (DependencyGroup group : snapshot.groups()) {
      for (String name : group.checks()) {
        rows.add(of(group, snapshot.checks().get(name), history.check(name), context));
      }
    }
    return rows;
  }

  static StatusRow of(DependencyGroup group, CheckState state, Optional<CheckHistory> history, RowContext context) {
    String word = state.isUp(context.nowNanos()) ? "ok"
      : state.reported() == CheckState.Reported.PENDING ? "pending"
      : state.reported() == CheckState.Reported.UP ? "stale" : "down";
    String name = state.name();
    return new StatusRow(name, group, context.kinds().apply(name), word, state, history,
      context.maintenance().windowFor(name, context.now()), context.fleet().map(f -> f.checks().get(name)),
      context.nowNanos(), context.now());
  }

  /** Without a store, maintenance or kinds: a view of this replica's memory only. */
  static StatusRow of(DependencyGroup group, CheckState state, Optional<CheckHistory> history, long nowNanos, Instant now) {
    return of(group, state, history, RowContext.local(nowNanos, now));
  }

  boolean up() {
    return "ok".equals(state);
  }

  /** Down or stale here, or on any live replica. */
  boolean failing() {
    return !up() && !"pending".equals(state)
      || fleet.map(f -> f.states().values().stream().anyMatch(s -> s.equals("down") || s.equals("stale"))).orElse(false);
  }

  /** Up, with a warning of its latest run (or a certificate expiring soon). */
  boolean warning() {
    return up() && !warnings().isEmpty();
  }

  /** The word the filter and the page's counts use: {@code down}, {@code stale}, {@code warning}, {@code pending}, {@code up}. */
  String filterState() {
    return failing() ? (up() ? "down" : "stale".equals(state) ? "stale" : "down")
      : warning() ? "warning" : "pending".equals(state) ? "pending" : "up";
  }

  /** Failing critical first, then failing non-critical, warnings, pending, up. */
  int rank() {
    if (failing()) {
      return group.critical() ? 0 : 1;
    }
    return warning() ? 2 : "pending".equals(state) ? 3 : 4;
  }

  /** The name people read: {@code group / check}, or the check alone. */
  String label() {
    return group.isSingleCheck() ? check : group.name() + " / " + check;
  }

  List<String> warnings() {
    return latest.activeWarnings(nowNanos);
  }

  OptionalDouble uptime1h() {
    OptionalDouble fleetValue = fleetUptime("1h");
    return fleetValue.isPresent() ? fleetValue : localUptime(HOUR);
  }

  OptionalDouble uptime24h() {
    OptionalDouble fleetValue = fleetUptime("24h");
    return fleetValue.isPresent() ? fleetValue : localUptime(DAY);
  }

  /** Mean latency over the last hour, without the check's first run after start. */
  OptionalDouble latencyMs() {
    if (fleet.isPresent() && fleet.get().latencyAvgMs() >= 0) {
      return OptionalDouble.of(fleet.get().latencyAvgMs());
    }
    return history.map(h -> h.latencyMeanMs(now, HOUR)).orElse(OptionalDouble.empty());
  }

  private OptionalDouble localUptime(Duration window) {
    return history.map(h -> h.uptimePercent(now, window, maintenance.isPresent())).orElse(OptionalDouble.empty());
  }

  private OptionalDouble fleetUptime(String window) {
    Double value = fleet.map(f -> f.uptime().get(window)).orElse(null);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** The minutes with data of the last hour before {@link #now}, oldest first. */
  List<MinuteBucket> minutes() {
    long first = Math.floorDiv(now.toEpochMilli(), 60_000L) - HealthHistory.RETAINED_MINUTES + 1;
    return history.map(h -> h.minuteTier().buckets(first)).orElse(List.of());
  }

  /** The ten-minute periods with data of the last 24 hours, oldest first, the current one last. */
  List<MinuteBucket> periods() {
    long first = Math.floorDiv(now.toEpochMilli(), 60_000L * HealthHistory.PERIOD_MINUTES) - HealthHistory.RETAINED_PERIODS + 1;
    return history.map(h -> h.periodTier().buckets(first)).orElse(List.of());
  }

  /** When the current state began, if known. */
  Optional<Instant> since() {
    return history.map(CheckHistory::since);
  }
}
