package io.healthservice.status.impl;

import io.healthservice.status.HistoryStore.Fleet;
import io.healthservice.status.MaintenanceView;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** What rows are judged with besides the snapshot and the history: the instant, windows, kinds and the fleet. */
record RowContext(long nowNanos, Instant now, MaintenanceView maintenance, Function<String, Optional<String>> kinds,
                  Optional<Fleet> fleet) {

  static RowContext local(long nowNanos, Instant now) {
    return new RowContext(nowNanos, now, MaintenanceView.NONE, check -> Optional.empty(), Optional.empty());
  }
}
