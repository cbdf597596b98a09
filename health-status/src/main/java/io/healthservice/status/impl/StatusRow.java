package io.healthservice.status.impl;

import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One check as the status views show it, judged at one instant: its state now (staleness decided here,
 * as for the probes) and its history. The three views (page, JSON, badge) render these and nothing else.
 *
 * @param state {@code ok}, {@code down}, {@code stale} or {@code pending}
 */
record StatusRow(String check, DependencyGroup group, String state, CheckState latest, Optional<CheckHistory> history,
                 OptionalDouble uptime1h, OptionalDouble uptime24h) {

  static final Duration HOUR = Duration.ofHours(1);
  static final Duration DAY = Duration.ofHours(24);

  /** Every check of {@code snapshot}, in the order of its groups. */
  static List<StatusRow> all(HealthSnapshot snapshot, HistorySnapshot history,
                             long nowNanos, Instant now) {
    List<StatusRow> rows = new ArrayList<>();
    for (DependencyGroup group : snapshot.groups()) {
      for (String name : group.checks()) {
        rows.add(of(group, snapshot.checks().get(name), history.check(name), nowNanos, now));
      }
    }
    return rows;
  }

  static StatusRow of(DependencyGroup group, CheckState state, Optional<CheckHistory> history, long nowNanos, Instant now) {
    String word = state.isUp(nowNanos) ? "ok"
      : state.reported() == CheckState.Reported.PENDING ? "pending"
      : state.reported() == CheckState.Reported.UP ? "stale" : "down";
    return new StatusRow(state.name(), group, word, state, history,
      history.map(h -> h.uptimePercent(now, HOUR)).orElse(OptionalDouble.empty()),
      history.map(h -> h.uptimePercent(now, DAY)).orElse(OptionalDouble.empty()));
  }

  boolean up() {
    return "ok".equals(state);
  }

  List<MinuteBucket> minutes() {
    return history.map(CheckHistory::minutes).orElse(List.of());
  }

  /** When the current state began, if known. */
  Optional<Instant> since() {
    return history.map(CheckHistory::since);
  }
}
