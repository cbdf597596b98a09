package io.healthservice.status.impl;

import io.healthservice.FailureKind;
import io.healthservice.status.HistoryStore;
import io.healthservice.status.MaintenanceView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutable history of one check. Only touched on the monitor's event loop; every change publishes an
 * immutable {@link CheckHistory}. Bounded: two tiers of packed buckets (an hour of minutes, a day of ten-minute
 * periods), a list of transitions, and what waits for the store (closed minutes and changes) until the next
 * {@link #drain}.
 */
final class CheckRecorder {

  private final String name;
  private final MaintenanceView maintenance;
  /** Whether a store takes what is closed: without one, nothing is kept for it. */
  private final boolean feeding;
  private final TierRecorder minutes;
  private final TierRecorder periods;
  /** Newest first; replaced whole on a change, so publishing shares it. */
  private List<Transition> transitions = List.of();
  private final List<HistoryStore.Minute> closed = new ArrayList<>();
  private final List<Transition> changed = new ArrayList<>();
  private String state = "pending";
  private long stateAtMs;
  private boolean ranOnce;

  CheckRecorder(String name, Instant created, MaintenanceView maintenance, boolean feeding) {
    this.name = name;
    this.stateAtMs = created.toEpochMilli();
    this.maintenance = maintenance;
    this.feeding = feeding;
    long minute = Math.floorDiv(stateAtMs, 60_000L);
    this.minutes = new TierRecorder(1, HealthHistory.RETAINED_MINUTES, minute);
    this.periods = new TierRecorder(HealthHistory.PERIOD_MINUTES, HealthHistory.RETAINED_PERIODS, minute);
  }

  /**
   * A completed run at {@code now}: the time since the last event goes to the old state, then the run is counted.
   * The first run's latency is left out: it opens connections and warms the JIT, and would dominate an hour's figures.
   */
  CheckHistory run(Instant now, long latencyMs, boolean failed, boolean warned, String newState, FailureKind kind,
                   String reason) {
    long nowMs = now.toEpochMilli();
    advance(nowMs);
    moveTo(Math.floorDiv(nowMs, 60_000L));
    Packed.run(minutes.open(), 0, Math.max(0, latencyMs), failed, warned, ranOnce);
    Packed.run(periods.open(), 0, Math.max(0, latencyMs), failed, warned, ranOnce);
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

  /** Three longs per tier copied, and a record: the closed buckets are shared with the history published before. */
  CheckHistory published() {
    return new CheckHistory(name, state, Instant.ofEpochMilli(stateAtMs), minutes.publish(), periods.publish(), transitions);
  }

  /**
   * What the store has not seen: minutes closed since the last drain (and the open one too when {@code all}, at
   * shutdown), changes, and the state now when anything changed.
   */
  void drain(boolean all, List<HistoryStore.Minute> toMinutes, List<HistoryStore.Change> toChanges,
             List<HistoryStore.State> toStates) {
    if (all && !Packed.isEmpty(minutes.open(), 0)) {
      closed.add(minute());
    }
    toMinutes.addAll(closed);
    changed.forEach(t -> toChanges.add(new HistoryStore.Change(name, t.at(), t.from(), t.to(),
      t.kind() == null ? null : t.kind().label(), t.reason())));
    if (!changed.isEmpty() || all) {
      String reason = transitions.isEmpty() || "ok".equals(state) ? null : transitions.get(0).reason();
      toStates.add(new HistoryStore.State(name, state, since(), reason));
    }
    closed.clear();
    changed.clear();
  }

  private Instant since() {
    return transitions.isEmpty() ? Instant.ofEpochMilli(stateAtMs) : transitions.get(0).at();
  }

  private void change(Instant now, String newState, FailureKind kind, String reason) {
    if (!newState.equals(state)) {
      Transition t = new Transition(now, state, newState, kind, reason);
      List<Transition> next = new ArrayList<>(HealthHistory.RETAINED_TRANSITIONS);
      next.add(t);
      next.addAll(transitions.subList(0, Math.min(transitions.size(), HealthHistory.RETAINED_TRANSITIONS - 1)));
      transitions = List.copyOf(next);
      if (feeding) {
        changed.add(t);
      }
      if (changed.size() > HealthHistory.RETAINED_TRANSITIONS) {
        changed.remove(0);
      }
      state = newState;
    }
  }

  /** Credits the time from the last event to {@code nowMs} to the state that held (or maintenance), minute by minute. */
  private void advance(long nowMs) {
    long from = Math.max(stateAtMs, (Math.floorDiv(nowMs, 60_000L) - HealthHistory.RETAINED_DAY_MINUTES + 1) * 60_000L);
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
      moveTo(minute);
      Packed.time(minutes.open(), 0, up, inWindow, end - from);
      Packed.time(periods.open(), 0, up, inWindow, end - from);
      from = end;
    }
  }

  /**
   * Makes {@code minute} the open bucket of both tiers; the minute it closes waits for the store. A minute before the
   * open one (the wall clock stepped back) keeps counting into the open one rather than rewrite the past.
   */
  private void moveTo(long minute) {
    if (minute > minutes.openMinute() && feeding && !Packed.isEmpty(minutes.open(), 0)) {
      closed.add(minute());
      if (closed.size() > HealthHistory.RETAINED_DAY_MINUTES) {
        closed.remove(0);
      }
    }
    minutes.moveTo(minute);
    periods.moveTo(minute);
  }

  /** The open minute as the store takes it. */
  private HistoryStore.Minute minute() {
    MinuteBucket m = Packed.bucket(minutes.open(), 0, minutes.openMinute());
    return new HistoryStore.Minute(name, m.epochMinute(), m.runs(), m.failures(), m.warnings(), m.maxMs(), m.sumMs(),
      m.latencyRuns(), m.upMs(), m.downMs(), m.maintenanceMs());
  }
}
