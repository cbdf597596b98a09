package io.healthservice.impl.monitor;

import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.MonitorListener;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every check's latest state, and the snapshot that publishes it. A result updates its own entry; the snapshot,
 * a copy of every state that the probes, views and gauges read, is rebuilt at once, or at most once per tick at
 * scale ({@link Pacing#publishTickMs()}), so that 10,000 checks do not copy 10,000 states per run. States are
 * touched on the monitor's loop only; the snapshot is volatile and read from any thread.
 */
final class StateBoard {

  private final MonitorClock clock;
  private final List<MonitorListener> listeners;
  private final Map<String, CheckState> states = new LinkedHashMap<>();
  /** The checks whose first result the start still waits for (every check below scale, the critical ones past it). */
  private final Set<String> awaited;
  private List<DependencyGroup> groups;
  private StateTable.Layout layout;
  private long tickMs;
  private long publishTimer = -1;
  private long publishedNanos;
  private volatile HealthSnapshot snapshot;

  /** @param awaited the checks that must complete a first run before the snapshot says it has started */
  StateBoard(MonitorClock clock, List<MonitorListener> listeners, List<DependencyGroup> groups,
             Map<String, CheckState> initial, Set<String> awaited, long tickMs) {
    this.clock = Objects.requireNonNull(clock);
    this.listeners = Objects.requireNonNull(listeners);
    this.groups = List.copyOf(groups);
    this.tickMs = tickMs;
    states.putAll(initial);
    this.awaited = new HashSet<>(awaited);
    layout = StateTable.Layout.of(states.keySet());
    snapshot = new HealthSnapshot(groups, table(), this.awaited.isEmpty());
  }

  /** The published picture; at most one tick behind {@link #get}. */
  HealthSnapshot snapshot() {
    return snapshot;
  }

  /** The latest state of {@code name}, published or not. */
  CheckState get(String name) {
    return states.get(name);
  }

  Map<String, CheckState> states() {
    return states;
  }

  /** Records a result; the snapshot follows at once or at the next tick. */
  void put(CheckState state) {
    if (!states.containsKey(state.name())) {
      return; // not a check of this configuration (the snapshot's layout)
    }
    states.put(state.name(), state);
    if (state.reported() != CheckState.Reported.PENDING) {
      awaited.remove(state.name());
    }
    if (publishTimer != -1) {
      return; // a publication is already due and will carry this one too
    }
    long tickNanos = tickMs * 1_000_000;
    long sinceNanos = clock.nanoTime() - publishedNanos;
    if (tickNanos == 0 || sinceNanos >= tickNanos) {
      publish();
    } else {
      publishTimer = clock.setTimer(Math.max(1, (tickNanos - sinceNanos) / 1_000_000), id -> {
        publishTimer = -1;
        publish();
      });
    }
  }

  /** A reload's checks and states, published at once; having started stays true. */
  void reconfigure(List<DependencyGroup> nextGroups, Map<String, CheckState> nextStates, long nextTickMs) {
    cancelTimer();
    groups = List.copyOf(nextGroups);
    tickMs = nextTickMs;
    states.clear();
    states.putAll(nextStates);
    awaited.retainAll(nextStates.keySet()); // a removed check is awaited no longer
    layout = StateTable.Layout.of(states.keySet());
    snapshot = snapshot.reconfigured(groups, table());
    publishedNanos = clock.nanoTime();
    tell();
  }

  /** Publishes what a pending tick would have (on stop). */
  void flush() {
    cancelTimer();
    publish();
  }

  private void cancelTimer() {
    clock.cancelTimer(publishTimer);
    publishTimer = -1;
  }

  private void publish() {
    snapshot = new HealthSnapshot(groups, table(), snapshot.started() || awaited.isEmpty());
    publishedNanos = clock.nanoTime();
    tell();
  }

  /** The states as of now, for a snapshot: only results of configured checks are put, so the layout holds. */
  private StateTable table() {
    return new StateTable(layout, states.values());
  }

  private void tell() {
    HealthSnapshot published = snapshot;
    for (MonitorListener listener : listeners) {
      listener.onPublished(published);
    }
  }
}
