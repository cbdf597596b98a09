package io.healthservice;


/**
 * Told of every completed run, on the monitor's event loop. Must not block. A runtime exception it throws is logged
 * (its type and where) and goes no further: the runs and the other listeners carry on.
 */
public interface MonitorListener {

  /**
   * @param previous the check's state before the run
   * @param current  the state after it (thresholds applied)
   * @param failure  why this run failed (before damping), or {@code null} when it succeeded
   */
  void onResult(CheckState previous, CheckState current, CheckFailure failure);

  /**
   * The check reported up, but its latest result has just outlived its max age (its run is overdue): it
   * now counts as down with reason "stale". Told once per episode; the next completed run ends it.
   */
  default void onStale(CheckState state) {
  }

  /**
   * A new snapshot is out (after results, or a reload): with up to 100 checks after every result, past that at
   * most once per 100 ms tick. A view built from many checks (a stream of statuses, a page) rebuilds here once,
   * rather than once per result, and reads the published picture rather than one a result has not reached yet.
   */
  default void onPublished(HealthSnapshot snapshot) {
  }

  /** A reload removed the check called {@code name}: drop what is kept of it (series, rows). No result follows. */
  default void onRemoved(String name) {
  }
}
