package io.healthservice.notify.impl;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.MonitorListener;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * A listener whose state lives on the monitor's event loop (the notifier, the Alertmanager channel): it
 * remembers that loop's context when first told, and {@link #close()} runs there too, whichever thread
 * calls it, so timers, queues and clients are only ever touched from one thread.
 */
public abstract class MonitorLoopListener implements MonitorListener, AutoCloseable {

  /** The monitor's context, where every call and callback runs; close() hops onto it. */
  private volatile Context context;

  MonitorLoopListener() {
  }

  @Override
  public final void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    remember();
    result(previous, current, failure);
  }

  @Override
  public final void onStale(CheckState state) {
    remember();
    stale(state);
  }

  abstract void result(CheckState previous, CheckState current, CheckFailure failure);

  abstract void stale(CheckState state);

  /** Stops timers and retries and closes the HTTP client, on the monitor's context. */
  abstract void shutDown();

  private void remember() {
    if (context == null) {
      context = Vertx.currentContext();
    }
  }

  /** Stops sending; runs on the monitor's context (see {@link #shutDown()}), whichever thread calls it. */
  @Override
  public final void close() {
    Context owner = context;
    if (owner == null || owner == Vertx.currentContext()) {
      shutDown();
    } else {
      owner.runOnContext(v -> shutDown());
    }
  }
}
