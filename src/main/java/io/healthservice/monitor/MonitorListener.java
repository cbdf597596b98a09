package io.healthservice.monitor;

import io.healthservice.checks.CheckFailure;

/** Told of every completed run, on the monitor's event loop. Must not block. */
public interface MonitorListener {

  /**
   * @param previous the check's state before the run
   * @param current  the state after it (thresholds applied)
   * @param failure  why this run failed (before damping), or {@code null} when it succeeded
   */
  void onResult(CheckState previous, CheckState current, CheckFailure failure);
}
