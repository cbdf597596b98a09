package io.healthservice.impl.monitor;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** What the probes need to know about the process itself: is it draining, are its event loops alive. */
public final class ProcessState {

  private final AtomicBoolean draining = new AtomicBoolean();
  private final EventLoopWatch eventLoops;
  private final List<Runnable> drainListeners = new CopyOnWriteArrayList<>();

  public ProcessState(EventLoopWatch eventLoops) {
    this.eventLoops = eventLoops;
  }

  /** Turns readiness off for good: the process is on its way out. Returns false if it already was. */
  public boolean startDraining() {
    if (!draining.compareAndSet(false, true)) {
      return false;
    }
    drainListeners.forEach(Runnable::run);
    return true;
  }

  /**
   * Runs {@code listener} once when draining starts, on the thread that starts it (a signal handler's, not
   * an event loop): views that push state (gRPC Watch streams) hop to their own context from there.
   */
  public void onDraining(Runnable listener) {
    Objects.requireNonNull(listener);
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once = () -> {
      if (ran.compareAndSet(false, true)) {
        listener.run();
      }
    };
    drainListeners.add(once);
    if (draining.get()) {
      once.run(); // draining started before (or while) it was added
    }
  }

  public boolean draining() {
    return draining.get();
  }

  public EventLoopWatch eventLoops() {
    return eventLoops;
  }
}
