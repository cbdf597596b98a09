package io.healthservice.status.impl;

import java.util.Map;
import java.util.Optional;

/** The history of every check that has reported at least once. Immutable; replaced whole on each event. */
public record HistorySnapshot(Map<String, CheckHistory> checks) {

  public static final HistorySnapshot EMPTY = new HistorySnapshot(Map.of());

  public HistorySnapshot {
    checks = Map.copyOf(checks);
  }

  public Optional<CheckHistory> check(String name) {
    return Optional.ofNullable(checks.get(name));
  }
}
