package io.healthservice.status.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What is remembered of one check, as of its latest event. Immutable: each event publishes a new one.
 *
 * @param name        the check's name
 * @param state       its reported state after the latest event: {@code pending}, {@code ok}, {@code down} or {@code stale}
 * @param stateAt     when the latest event happened (wall clock); time since then counts for {@code state}
 * @param minutes     the minutes with data, oldest first, at most {@link HealthHistory#RETAINED_MINUTES}
 * @param transitions the latest state changes, newest first, at most {@link HealthHistory#RETAINED_TRANSITIONS}
 */
public record CheckHistory(String name, String state, Instant stateAt, List<MinuteBucket> minutes,
                           List<Transition> transitions) {

  public CheckHistory {
    minutes = List.copyOf(minutes);
    transitions = List.copyOf(transitions);
  }

  /**
   * The share of observed time the check reported up over the last {@code window} before {@code now}, in
   * percent; empty when nothing was observed (still pending). Minute-grained: the window starts at the
   * beginning of its first minute. Time pending or in maintenance counts neither way; stale counts as down.
   */
  public OptionalDouble uptimePercent(Instant now, Duration window) {
    return uptimePercent(now, window, false);
  }

  /** As {@link #uptimePercent(Instant, Duration)}; {@code inMaintenance}: the time since the latest event counts neither way. */
  public OptionalDouble uptimePercent(Instant now, Duration window, boolean inMaintenance) {
    long nowMs = now.toEpochMilli();
    long firstMinute = Math.floorDiv(nowMs, 60_000L) - window.toMinutes() + 1;
    long up = 0;
    long down = 0;
    for (MinuteBucket bucket : minutes) {
      if (bucket.epochMinute() >= firstMinute) {
        up += bucket.upMs();
        down += bucket.downMs();
      }
    }
    // The time since the latest event is not in any bucket yet: it belongs to the current state.
    long open = Math.max(0, nowMs - Math.max(stateAt.toEpochMilli(), firstMinute * 60_000L));
    if (inMaintenance) {
      open = 0;
    }
    if ("ok".equals(state)) {
      up += open;
    } else if (!"pending".equals(state)) {
      down += open;
    }
    return up + down == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * up / (up + down));
  }

  /**
   * Mean latency of the counted runs (the first run after start is not) in the last {@code window}, or empty
   * without one.
   */
  public OptionalDouble latencyMeanMs(Instant now, Duration window) {
    long firstMinute = Math.floorDiv(now.toEpochMilli(), 60_000L) - window.toMinutes() + 1;
    long sum = 0;
    long runs = 0;
    for (MinuteBucket bucket : minutes) {
      if (bucket.epochMinute() >= firstMinute) {
        sum += bucket.sumMs();
        runs += bucket.latencyRuns();
      }
    }
    return runs == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) sum / runs);
  }

  /** When the current state began: the latest transition's time, or {@code stateAt} when there was none. */
  public Instant since() {
    return transitions.isEmpty() ? stateAt : transitions.get(0).at();
  }
}
