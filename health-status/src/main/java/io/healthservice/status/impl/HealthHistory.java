package io.healthservice.status.impl;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.MonitorListener;
import io.healthservice.status.HistoryStore;
import io.healthservice.status.MaintenanceView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The recent history of every check, in memory: runs, failures, latency and up/down time per minute for the last
 * hour and per ten-minute period for the last 24 hours, and the latest state changes. Fed as a {@link MonitorListener}
 * ({@code monitor.addListener(history)}), so all writes happen on the monitor's event loop; views read
 * {@link #snapshot()} from any thread.
 *
 * <p>Bounded: {@value #RETAINED_MINUTES} minutes, {@value #RETAINED_PERIODS} periods (24 bytes each, packed in
 * primitive arrays, no object per bucket) and {@value #RETAINED_TRANSITIONS} transitions per check: about 5.5 KB of
 * heap per check whatever the uptime (5 KB of it the buckets), 7.5 KB with 20 transitions and their reasons
 * (HistoryBoundTest measures both). A run publishes a record and copies three longs per tier, never the day. Lost on
 * restart, unless a {@link HistoryStore} is given: closed minutes, changes and the states of checks that changed
 * are offered to it once per published snapshot (never per run, never waiting), the open minutes at {@link #close}.
 */
public final class HealthHistory implements MonitorListener {

  /** An hour of minutes: uptime and latency over the last hour, the minutes of /health/history. */
  public static final int RETAINED_MINUTES = 60;
  /** Minutes per period. */
  public static final int PERIOD_MINUTES = 10;
  /** 24 hours of ten-minute periods: the bar and uptime over 24 hours. */
  public static final int RETAINED_PERIODS = 144;
  /** How far back time is credited after a silence, and how many closed minutes wait for the store at most. */
  static final int RETAINED_DAY_MINUTES = RETAINED_PERIODS * PERIOD_MINUTES;
  /** State changes kept per check. */
  public static final int RETAINED_TRANSITIONS = 20;

  private final MonitorClock clock;
  private final MaintenanceView maintenance;
  private final Optional<HistoryStore> store;
  private final String instance;
  /** Checks with something the store has not seen. Only touched on the monitor's event loop. */
  private final Set<String> unsent = new LinkedHashSet<>();
  /** Only touched on the monitor's event loop. */
  private final Map<String, CheckRecorder> recorders = new HashMap<>();
  /** Results not in the snapshot yet (at scale, until the monitor's next tick). */
  private final Map<String, CheckHistory> pending = new HashMap<>();
  private volatile HistorySnapshot snapshot = HistorySnapshot.EMPTY;

  /** @param clock the monitor's clock: minutes are its wall-clock minutes */
  public HealthHistory(MonitorClock clock) {
    this(clock, MaintenanceView.NONE, Optional.empty(), "local");
  }

  /**
   * @param maintenance which window covers a check: its time is left out of uptime
   * @param store       where closed minutes and changes are offered, if anywhere
   * @param instance    this replica's name in the store
   */
  public HealthHistory(MonitorClock clock, MaintenanceView maintenance, Optional<HistoryStore> store, String instance) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maintenance = Objects.requireNonNull(maintenance, "maintenance");
    this.store = Objects.requireNonNull(store, "store");
    this.instance = Objects.requireNonNull(instance, "instance");
  }

  /** Which window covers a check now, for the views. */
  public MaintenanceView maintenance() {
    return maintenance;
  }

  /** The latest history; never blocks. */
  public HistorySnapshot snapshot() {
    return snapshot;
  }

  /** A result waits for the snapshot that carries it ({@link #onPublished}): the page and the probes agree. */
  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    CheckHistory check = recorder(current.name()).run(clock.now(), current.latencyMs(), failure != null,
      failure == null && !current.warnings().isEmpty(), word(current.reported()), current.kind(), current.reason());
    pending.put(check.name(), check);
  }

  /** Going stale publishes no snapshot: the history follows at once. */
  @Override
  public void onStale(CheckState state) {
    CheckHistory check = recorder(state.name()).stale(clock.now(), state.effectiveReason(clock.nanoTime()));
    pending.put(check.name(), check);
    flush();
    offer(false);
  }

  /** A reload removed the check: its row and uptime leave the page with it. */
  @Override
  public void onRemoved(String name) {
    recorders.remove(name);
    pending.remove(name);
    snapshot = snapshot.without(name);
  }

  /**
   * The monitor published a snapshot (after every result with a few checks, once per tick with thousands): the
   * results since the last one go in with one copy of the history map, not one per run.
   */
  @Override
  public void onPublished(HealthSnapshot published) {
    flush();
    offer(false);
  }

  /**
   * Offers the store everything it has not seen, the open minutes too. Call once the checker stopped (no run
   * records any more), or on its event loop.
   */
  public void close() {
    unsent.addAll(recorders.keySet());
    offer(true);
  }

  private CheckRecorder recorder(String check) {
    unsent.add(check);
    return recorders.computeIfAbsent(check, name -> new CheckRecorder(name, clock.now(), maintenance, store.isPresent()));
  }

  /** One batch for the checks that ran since the last: closed minutes, changes, states. */
  private void offer(boolean all) {
    if (store.isEmpty() || unsent.isEmpty()) {
      unsent.clear();
      return;
    }
    List<HistoryStore.Minute> minutes = new ArrayList<>();
    List<HistoryStore.Change> changes = new ArrayList<>();
    List<HistoryStore.State> states = new ArrayList<>();
    for (String check : unsent) {
      CheckRecorder recorder = recorders.get(check);
      if (recorder != null) {
        recorder.drain(all, minutes, changes, states);
      }
    }
    unsent.clear();
    if (!minutes.isEmpty() || !changes.isEmpty() || !states.isEmpty()) {
      changes.sort(java.util.Comparator.comparing(HistoryStore.Change::at));
      store.get().offer(new HistoryStore.Batch(instance, minutes, changes, states));
    }
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    snapshot = snapshot.with(pending);
    pending.clear();
  }

  private static String word(CheckState.Reported reported) {
    return switch (reported) {
      case PENDING -> "pending";
      case UP -> "ok";
      case DOWN -> "down";
    };
  }
}
