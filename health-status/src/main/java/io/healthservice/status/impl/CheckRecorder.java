package io.healthservice.status.impl;

import io.healthservice.FailureKind;
import io.healthservice.status.HistoryStore;
import io.healthservice.status.MaintenanceView;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable history of one check. Only touched on the monitor's event loop; every change publishes an
 * immutable {@link CheckHistory}. Bounded: a ring of minutes and a ring of transitions, and what waits for the
 * store (closed minutes and changes) until the next {@link #drain}.
 */
final class CheckRecorder {

  private final String name;
  private final MaintenanceView maintenance;
  /** Whether a store takes what is closed: without one, nothing is kept for it. */
  private final boolean feeding;
  private final ArrayDeque<MinuteBucket> minutes = new ArrayDeque<>();
  private final ArrayDeque<Transition> transitions = new ArrayDeque<>();
  private final List<MinuteBucket> closed = new ArrayList<>();
  private final List<Transition> changed = new ArrayList<>();
  private String state = "pending";
  private long stateAtMs;
  private boolean ranOnce;

  CheckRecorder(String name, Instant created, MaintenanceView maintenance, boolean feeding) {
    this.name = name;
    this.stateAtMs = created.toEpochMilli();
    this.maintenance = maintenance;
    this.feeding = feeding;
  }

  /**
   * A completed run at {@code now}: the time since the last event goes to the old state, then the run is counted.
   * The first run's latency is left out: it opens connections and warms the JIT, and would dominate an hour's figures.
   */
  CheckHistory run(Instant now, long latencyMs, boolean failed, boolean warned, String newState, FailureKind kind,
                   String reason) {
    long nowMs = now.toEpochMilli();
    advance(nowMs);
    MinuteBucket current = bucket(Math.floorDiv(nowMs, 60_000L));
    minutes.removeLast();
    minutes.addLast(current.withRun(Math.max(0, latencyMs), failed, warned, ranOnce));
    ranOnce = true;
    change(now, newState, kind, reason);
    return published();
  }

  /** The check's up result outlived its max age: from now on it counts as down. */
  CheckHistory stale(Instant now, String reason) {
    advance(now.toEpochMilli());
    change(now, "stale", FailureKind.STALE, reason);
    return published();
  }

  CheckHistory published() {
    return new CheckHistory(name, state, Instant.ofEpochMilli(stateAtMs), List.copyOf(minutes), List.copyOf(transitions));
  }

  /**
   * What the store has not seen: minutes closed since the last drain (and the open one too when {@code all}, at
   * shutdown), changes, and the state now when anything changed.
   */
  void drain(boolean all, List<HistoryStore.Minute> toMinutes, List<HistoryStore.Change> toChanges,
             List<HistoryStore.State> toStates) {
    if (all && !minutes.isEmpty()) {
      closed.add(minutes.peekLast());
    }
    closed.forEach(m -> toMinutes.add(new HistoryStore.Minute(name, m.epochMinute(), m.runs(), m.failures(), m.warnings(),
      m.maxMs(), m.sumMs(), m.latencyRuns(), m.upMs(), m.downMs(), m.maintenanceMs())));
    changed.forEach(t -> toChanges.add(new HistoryStore.Change(name, t.at(), t.from(), t.to(),
      t.kind() == null ? null : t.kind().label(), t.reason())));
    if (!changed.isEmpty() || all) {
      String reason = transitions.isEmpty() || "ok".equals(state) ? null : transitions.peekFirst().reason();
      toStates.add(new HistoryStore.State(name, state, since(), reason));
    }
    closed.clear();
    changed.clear();
  }

  private Instant since() {
    return transitions.isEmpty() ? Instant.ofEpochMilli(stateAtMs) : transitions.peekFirst().at();
  }

  private void change(Instant now, String newState, FailureKind kind, String reason) {
    if (!newState.equals(state)) {
      Transition t = new Transition(now, state, newState, kind, reason);
      transitions.addFirst(t);
      if (feeding) {
        changed.add(t);
      }
      if (transitions.size() > HealthHistory.RETAINED_TRANSITIONS) {
        transitions.removeLast();
      }
      if (changed.size() > HealthHistory.RETAINED_TRANSITIONS) {
        changed.remove(0);
      }
      state = newState;
    }
  }

  /** Credits the time from the last event to {@code nowMs} to the state that held (or maintenance), minute by minute. */
  private void advance(long nowMs) {
    long from = Math.max(stateAtMs, (Math.floorDiv(nowMs, 60_000L) - HealthHistory.RETAINED_MINUTES + 1) * 60_000L);
    stateAtMs = Math.max(stateAtMs, nowMs); // a wall clock stepping back credits nothing
    if ("pending".equals(state)) {
      return;
    }
    boolean up = "ok".equals(state);
    while (from < nowMs) {
      long minute = Math.floorDiv(from, 60_000L);
      long end = Math.min(nowMs, (minute + 1) * 60_000L);
      // Runs are seconds apart: whether a window covers the span's start decides the whole span.
      boolean inWindow = maintenance.windowFor(name, Instant.ofEpochMilli(from)).isPresent();
      MinuteBucket bucket = bucket(minute);
      minutes.removeLast();
      minutes.addLast(bucket.withTime(up, inWindow, end - from));
      from = end;
    }
  }

  /** The bucket of {@code minute}, made the last one (created when missing, closing the one before); drops minutes past retention. */
  private MinuteBucket bucket(long minute) {
    MinuteBucket last = minutes.peekLast();
    if (last == null || last.epochMinute() < minute) {
      if (last != null && feeding) {
        closed.add(last);
        if (closed.size() > HealthHistory.RETAINED_MINUTES) {
          closed.remove(0);
        }
      }
      last = MinuteBucket.empty(minute);
      minutes.addLast(last);
    } else if (last.epochMinute() > minute) {
      // The wall clock stepped back: keep counting into the newest minute rather than rewrite the past.
      return last;
    }
    while (minutes.peekFirst().epochMinute() <= minute - HealthHistory.RETAINED_MINUTES) {
      minutes.removeFirst();
    }
    return last;
  }
}
