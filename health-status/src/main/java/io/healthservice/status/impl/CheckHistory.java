package io.healthservice.status.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What is remembered of one check, as of its latest event. Immutable: each event publishes a new one, sharing the
 * closed buckets of the one before.
 *
 * @param name        the check's name
 * @param state       its reported state after the latest event: {@code pending}, {@code ok}, {@code down} or {@code stale}
 * @param stateAt     when the latest event happened (wall clock); time since then counts for {@code state}
 * @param minuteTier  the last {@link HealthHistory#RETAINED_MINUTES} minutes up to the latest event's
 * @param periodTier  the last {@link HealthHistory#RETAINED_PERIODS} ten-minute periods up to the latest event's
 * @param transitions the latest state changes, newest first, at most {@link HealthHistory#RETAINED_TRANSITIONS}
 */
public record CheckHistory(String name, String state, Instant stateAt, Tier minuteTier, Tier periodTier,
                           List<Transition> transitions) {

  public CheckHistory {
    transitions = List.copyOf(transitions);
  }

  /** A history made of whole minutes, oldest first, the last one open: for hand-made histories (tests, benches). */
  static CheckHistory of(String name, String state, Instant stateAt, List<MinuteBucket> minutes, List<Transition> transitions) {
    long created = minutes.isEmpty() ? Math.floorDiv(stateAt.toEpochMilli(), 60_000L) : minutes.get(0).epochMinute();
    TierRecorder minuteTier = new TierRecorder(1, HealthHistory.RETAINED_MINUTES, created);
    TierRecorder periodTier = new TierRecorder(HealthHistory.PERIOD_MINUTES, HealthHistory.RETAINED_PERIODS, created);
    for (MinuteBucket minute : minutes) {
      minuteTier.moveTo(minute.epochMinute());
      periodTier.moveTo(minute.epochMinute());
      Packed.add(minuteTier.open(), 0, minute);
      Packed.add(periodTier.open(), 0, minute);
    }
    return new CheckHistory(name, state, stateAt, minuteTier.publish(), periodTier.publish(), transitions);
  }

  /** The minutes with data, oldest first: the last hour up to the latest event. */
  public List<MinuteBucket> minutes() {
    return minuteTier.buckets(Long.MIN_VALUE);
  }

  /** The ten-minute periods with data, oldest first (each as a bucket of its first minute): the last 24 hours. */
  public List<MinuteBucket> periods() {
    return periodTier.buckets(Long.MIN_VALUE);
  }

  /**
   * The share of observed time the check reported up over the last {@code window} before {@code now}, in
   * percent; empty when nothing was observed (still pending). Up to an hour minute-grained: the window starts at the
   * beginning of its first minute; longer ones in ten-minute periods, the current one included (24 h: the 144
   * periods of the bar). Time pending or in maintenance counts neither way; stale counts as down.
   */
  public OptionalDouble uptimePercent(Instant now, Duration window) {
    return uptimePercent(now, window, false);
  }

  /** As {@link #uptimePercent(Instant, Duration)}; {@code inMaintenance}: the time since the latest event counts neither way. */
  public OptionalDouble uptimePercent(Instant now, Duration window, boolean inMaintenance) {
    long nowMs = now.toEpochMilli();
    Tier tier = tier(window);
    long fromIndex = fromIndex(tier, now, window);
    long up = tier.sum(Packed.UP, fromIndex);
    long down = tier.sum(Packed.DOWN, fromIndex);
    // The time since the latest event is not in any bucket yet: it belongs to the current state.
    long open = Math.max(0, nowMs - Math.max(stateAt.toEpochMilli(), fromIndex * tier.width() * 60_000L));
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
    Tier tier = tier(window);
    long fromIndex = fromIndex(tier, now, window);
    long runs = tier.sum(Packed.LATENCY_RUNS, fromIndex);
    return runs == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) tier.sum(Packed.SUM, fromIndex) / runs);
  }

  /** When the current state began: the latest transition's time, or {@code stateAt} when there was none. */
  public Instant since() {
    return transitions.isEmpty() ? stateAt : transitions.get(0).at();
  }

  /** Heap this history holds beyond its name and transitions: both tiers, for the bound {@link HealthHistory} states. */
  long retainedBytes() {
    return minuteTier.retainedBytes() + periodTier.retainedBytes();
  }

  /** Minutes for windows up to the minute tier's reach, periods beyond. */
  private Tier tier(Duration window) {
    return window.toMinutes() <= HealthHistory.RETAINED_MINUTES ? minuteTier : periodTier;
  }

  /** The first bucket of {@code window} ending with the bucket of {@code now}. */
  private static long fromIndex(Tier tier, Instant now, Duration window) {
    long buckets = Math.max(1, (window.toMinutes() + tier.width() - 1) / tier.width());
    return Math.floorDiv(Math.floorDiv(now.toEpochMilli(), 60_000L), tier.width()) - buckets + 1;
  }
}
