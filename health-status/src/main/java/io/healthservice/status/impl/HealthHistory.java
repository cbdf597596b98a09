package io.healthservice.status.impl;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.MonitorListener;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The recent history of every check, in memory: per-minute runs, failures, latency and up/down time for
 * the last 24 hours, and the latest state changes. Fed as a {@link MonitorListener}
 * ({@code monitor.addListener(history)}), so all writes happen on the monitor's event loop; views read
 * {@link #snapshot()} from any thread.
 *
 * <p>Bounded: at most {@value #RETAINED_MINUTES} minute buckets and {@value #RETAINED_TRANSITIONS}
 * transitions per check: about 120 KB per check whatever the uptime (the bench measures it). Lost on
 * restart: Prometheus (the {@code /metrics} counters) is the durable store.
 */
public final class HealthHistory implements MonitorListener {

  /** 24 hours of minutes. */
  public static final int RETAINED_MINUTES = 1440;
  /** State changes kept per check. */
  public static final int RETAINED_TRANSITIONS = 20;

  private final MonitorClock clock;
  /** Only touched on the monitor's event loop. */
  private final Map<String, CheckRecorder> recorders = new HashMap<>();
  /** Results not in the snapshot yet (at scale, until the monitor's next tick). */
  private final Map<String, CheckHistory> pending = new HashMap<>();
  private volatile HistorySnapshot snapshot = HistorySnapshot.EMPTY;

  /** @param clock the monitor's clock: minutes are its wall-clock minutes */
  public HealthHistory(MonitorClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The latest history; never blocks. */
  public HistorySnapshot snapshot() {
    return snapshot;
  }

  /** A result waits for the snapshot that carries it ({@link #onPublished}): the page and the probes agree. */
  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    CheckRecorder recorder = recorders.computeIfAbsent(current.name(), name -> new CheckRecorder(name, clock.now()));
    CheckHistory check = recorder.run(clock.now(), current.latencyMs(), failure != null, word(current.reported()),
      current.kind(), current.reason());
    pending.put(check.name(), check);
  }

  /** Going stale publishes no snapshot: the history follows at once. */
  @Override
  public void onStale(CheckState state) {
    CheckRecorder recorder = recorders.computeIfAbsent(state.name(), name -> new CheckRecorder(name, clock.now()));
    CheckHistory check = recorder.stale(clock.now(), state.effectiveReason(clock.nanoTime()));
    pending.put(check.name(), check);
    flush();
  }

  /** A reload removed the check: its row and uptime leave the page with it. */
  @Override
  public void onRemoved(String name) {
    recorders.remove(name);
    pending.remove(name);
    Map<String, CheckHistory> next = new HashMap<>(snapshot.checks());
    next.remove(name);
    snapshot = new HistorySnapshot(next);
  }

  /**
   * The monitor published a snapshot (after every result with a few checks, once per tick with thousands): the
   * results since the last one go in with one copy of the history map, not one per run.
   */
  @Override
  public void onPublished(HealthSnapshot published) {
    flush();
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<String, CheckHistory> next = new HashMap<>(snapshot.checks());
    next.putAll(pending);
    pending.clear();
    snapshot = new HistorySnapshot(next);
  }

  private static String word(CheckState.Reported reported) {
    return switch (reported) {
      case PENDING -> "pending";
      case UP -> "ok";
      case DOWN -> "down";
    };
  }
}
