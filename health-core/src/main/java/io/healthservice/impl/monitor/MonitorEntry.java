package io.healthservice.impl.monitor;

/** One check as the monitor runs it: its timers and whether a run is in flight. Touched only on the monitor's loop. */
final class MonitorEntry {

  final MonitoredCheck monitored;
  final String procedure;
  /** Replaced or removed by a reload: its late result is dropped and it is never scheduled again. */
  boolean retired;
  boolean inFlight;
  long runTimer = -1;
  long staleTimer = -1;

  MonitorEntry(MonitoredCheck monitored, String procedure) {
    this.monitored = monitored;
    this.procedure = procedure;
  }
}
