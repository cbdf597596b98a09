package io.healthservice.grpc;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.MonitorListener;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** Monitor results that may change a status, pushed to the open Watch calls: the only trigger besides the drain. */
final class WatchRefresh implements MonitorListener {

  private final MonitorClock clock;
  private final WatchStreams streams;

  /** A result changed a status since the last snapshot; touched on the monitor's loop only. */
  private boolean changed;

  WatchRefresh(MonitorClock clock, WatchStreams streams) {
    this.clock = clock;
    this.streams = streams;
  }

  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    // A fresh result after a stale one can change a status even when the damped state did not.
    if (previous.reported() != current.reported() || previous.isStale(clock.nanoTime())) {
      changed = true;
    }
  }

  /** The snapshot with the changes is out: the streams read it once, however many results it carries. */
  @Override
  public void onPublished(HealthSnapshot snapshot) {
    if (changed) {
      changed = false;
      streams.refreshAll();
    }
  }

  @Override
  public void onStale(CheckState state) {
    refreshAfterPublish();
  }

  /** A result that went stale changes no snapshot: read the published one once this listener has returned. */
  private void refreshAfterPublish() {
    Context context = Vertx.currentContext();
    if (context == null) {
      streams.refreshAll();
    } else {
      context.runOnContext(v -> streams.refreshAll());
    }
  }
}
