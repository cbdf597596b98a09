package io.healthservice.impl.monitor;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The cap on runs in flight: a run over it waits for a slot, in order, delayed and never dropped. Touched only on
 * the monitor's loop. Admitting is iterative, so a queue of runs that end at once (a check that fails without I/O)
 * never recurses.
 */
final class RunGate {

  private final ArrayDeque<MonitorEntry> waiting = new ArrayDeque<>();
  private final Consumer<MonitorEntry> admit;
  private int max;
  private int inFlight;
  private long delayed;
  private boolean admitting;

  RunGate(int max, Consumer<MonitorEntry> admit) {
    this.max = max;
    this.admit = Objects.requireNonNull(admit);
  }

  /** Takes a slot for {@code entry} and returns true, or queues it to be admitted when one frees. */
  boolean enter(MonitorEntry entry) {
    if (inFlight < max && waiting.isEmpty()) {
      inFlight++;
      return true;
    }
    entry.waiting = true;
    waiting.add(entry);
    delayed++;
    return false;
  }

  /** Frees a slot and admits the runs that wait for one. */
  void leave() {
    inFlight--;
    admitWaiting();
  }

  void resize(int nextMax) {
    max = nextMax;
    admitWaiting();
  }

  private void admitWaiting() {
    if (admitting) {
      return; // the loop below, further up the stack, admits the next one
    }
    admitting = true;
    try {
      while (inFlight < max && !waiting.isEmpty()) {
        MonitorEntry next = waiting.poll();
        next.waiting = false;
        inFlight++;
        admit.accept(next);
      }
    } finally {
      admitting = false;
    }
  }

  /** Runs waiting for a slot now. */
  int waiting() {
    return waiting.size();
  }

  /** Runs that had to wait for a slot, since start. */
  long delayed() {
    return delayed;
  }

  int inFlight() {
    return inFlight;
  }
}
