package io.healthservice.history.pg.impl;

import io.healthservice.MonitorClock;
import io.healthservice.status.HistoryStore.StoreStatus;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Whether writes reach the store, since when and why not, with one log line per change: a WARNING when it goes
 * down (or is not reached at the start), an INFO when it is reached or back. Failed retries change only the
 * reason, silently.
 */
final class Availability {

  private static final Logger LOG = Logger.getLogger("health.history");
  private static final String NOT_STARTED = "not started";

  private final MonitorClock clock;
  private final String safeUrl;
  private final String instance;
  private final int capacity;
  private final LongSupplier buffered;
  private final AtomicReference<StoreStatus> status;
  private volatile boolean everUp;

  Availability(MonitorClock clock, String safeUrl, String instance, int capacity, LongSupplier buffered) {
    this.clock = clock;
    this.safeUrl = safeUrl;
    this.instance = instance;
    this.capacity = capacity;
    this.buffered = buffered;
    this.status = new AtomicReference<>(new StoreStatus(false, clock.now(), NOT_STARTED, 0, 0));
  }

  /** The status without its counts (the buffer has them). */
  StoreStatus get() {
    return status.get();
  }

  void up() {
    StoreStatus was = status.get();
    if (!was.up() && status.compareAndSet(was, new StoreStatus(true, clock.now(), null, 0, 0))) {
      if (everUp) {
        LOG.info("history store up again (" + safeUrl + "): writing " + buffered.getAsLong() + " buffered records");
      } else {
        LOG.info("history store ready (" + safeUrl + "), instance " + instance);
      }
      everUp = true;
    }
  }

  void down(Throwable error) {
    String reason = StoreErrors.reason(error);
    StoreStatus was = status.get();
    boolean change = was.up() || !everUp && NOT_STARTED.equals(was.reason());
    if (status.compareAndSet(was, new StoreStatus(false, change ? clock.now() : was.since(), reason, 0, 0)) && change) {
      LOG.warning("history store down (" + reason + "): running on memory, keeping up to " + capacity
        + " records to write when it is back (oldest dropped beyond)");
    }
  }
}
