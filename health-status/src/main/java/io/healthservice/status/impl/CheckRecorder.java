package io.healthservice.status.impl;

import io.healthservice.FailureKind;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The mutable history of one check. Only touched on the monitor's event loop; every change publishes an
 * immutable {@link CheckHistory}. Bounded: a ring of minutes and a ring of transitions.
 */
final class CheckRecorder {

  private final String name;
  private final ArrayDeque<MinuteBucket> minutes = new ArrayDeque<>();
  private final ArrayDeque<Transition> transitions = new ArrayDeque<>();
  private String state = "pending";
  private long stateAtMs;

  CheckRecorder(String name, Instant created) {
    this.name = name;
    this.stateAtMs = created.toEpochMilli();
  }

  /** A completed run at {@code now}: the time since the last event goes to the old state, then the run is counted. */
  CheckHistory run(Instant now, long latencyMs, boolean failed, String newState, FailureKind kind, String reason) {
    long nowMs = now.toEpochMilli();
    advance(nowMs);
    MinuteBucket current = bucket(Math.floorDiv(nowMs, 60_000L));
    minutes.removeLast();
    minutes.addLast(current.withRun(Math.max(0, latencyMs), failed));
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

  private void change(Instant now, String newState, FailureKind kind, String reason) {
    if (!newState.equals(state)) {
      transitions.addFirst(new Transition(now, state, newState, kind, reason));
      if (transitions.size() > HealthHistory.RETAINED_TRANSITIONS) {
        transitions.removeLast();
      }
      state = newState;
    }
  }

  /** Credits the time from the last event to {@code nowMs} to the state that held, minute by minute. */
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
      MinuteBucket bucket = bucket(minute);
      minutes.removeLast();
      minutes.addLast(bucket.withTime(up, end - from));
      from = end;
    }
  }

  /** The bucket of {@code minute}, made the last one (created when missing); drops minutes past retention. */
  private MinuteBucket bucket(long minute) {
    MinuteBucket last = minutes.peekLast();
    if (last == null || last.epochMinute() < minute) {
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
