package io.healthservice.monitor;

import java.util.concurrent.atomic.AtomicBoolean;

/** What the probes need to know about the process itself: is it draining, are its event loops alive. */
public final class ProcessState {

  private final AtomicBoolean draining = new AtomicBoolean();
  private final EventLoopWatch eventLoops;

  public ProcessState(EventLoopWatch eventLoops) {
    this.eventLoops = eventLoops;
  }

  /** Turns readiness off for good: the process is on its way out. Returns false if it already was. */
  public boolean startDraining() {
    return draining.compareAndSet(false, true);
  }

  public boolean draining() {
    return draining.get();
  }

  public EventLoopWatch eventLoops() {
    return eventLoops;
  }
}
