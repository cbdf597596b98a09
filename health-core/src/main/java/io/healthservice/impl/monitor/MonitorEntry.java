package io.healthservice.impl.monitor;

import io.healthservice.CheckState;

/** One check as the monitor runs it: its deadlines and whether a run is in flight. Touched only on the monitor's loop. */
final class MonitorEntry {

  final MonitoredCheck monitored;
  final String procedure;
  /** Replaced or removed by a reload: its late result is dropped and it is never scheduled again. */
  boolean retired;
  boolean inFlight;
  /** Waiting for a slot under the cap on runs in flight. */
  boolean waiting;
  /** Whether a run has completed; the second run falls at the check's phase. */
  boolean ranOnce;
  /** Whether the first run already fell at a random phase (at scale, a non-critical check): later runs keep it. */
  boolean phased;
  /** When the current (or next) run was due: the schedule's anchor, never moved by jitter or by waiting. */
  long dueNanos;
  /** The next run's deadline. */
  final DueQueue.Slot<MonitorEntry> runSlot = new DueQueue.Slot<>(this);
  /** When the latest up result goes stale, unless a newer one replaces it first. */
  final DueQueue.Slot<MonitorEntry> staleSlot = new DueQueue.Slot<>(this);
  /** The up result {@link #staleSlot} watches. */
  CheckState staleWatched;

  MonitorEntry(MonitoredCheck monitored, String procedure) {
    this.monitored = monitored;
    this.procedure = procedure;
  }
}
