package io.healthservice.impl.monitor;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorListener;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A listener whose exceptions stop at it: listeners are told in the middle of a run's end, a publication or a
 * stop, and one that throws would otherwise leave the next run unscheduled or the others untold. Logged by type
 * and place only: a message may hold what the listener was sending (a webhook URL, a token).
 */
record GuardedListener(MonitorListener listener) implements MonitorListener {

  private static final Logger LOG = Logger.getLogger("health.monitor");

  GuardedListener {
    Objects.requireNonNull(listener);
  }

  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    try {
      listener.onResult(previous, current, failure);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onStale(CheckState state) {
    try {
      listener.onStale(state);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onPublished(HealthSnapshot snapshot) {
    try {
      listener.onPublished(snapshot);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void onRemoved(String name) {
    try {
      listener.onRemoved(name);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  /** No lambda per call: listeners hear every run. */
  private void failed(RuntimeException e) {
    StackTraceElement[] at = e.getStackTrace();
    LOG.log(Level.WARNING, "a monitor listener failed: " + e.getClass().getName()
      + (at.length == 0 ? "" : " at " + at[0]) + " (listener " + listener.getClass().getName() + ")");
  }
}
