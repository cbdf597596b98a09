package io.healthservice.impl.monitor;

import io.healthservice.MonitorClock;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Deadlines of many owners on one clock timer: a binary heap of {@link Slot}s, earliest first, and the one timer armed
 * for the earliest. Each check holds its slots for life, so scheduling a run allocates nothing that lives until the
 * run: a clock timer per run lived its whole interval, and 10,000 checks promoted a timer's five objects a
 * millisecond into the old generation, whose collections paused the probes. The one timer lives until the next
 * deadline, a millisecond apart at that scale. Touched only on the monitor's loop. Owners due at the same instant
 * fire in the order they were scheduled.
 */
final class DueQueue<T> {

  /** An owner's place in one queue; {@code index} is -1 while not scheduled. */
  static final class Slot<T> {
    final T owner;
    private long atNanos;
    private long order;
    private int index = -1;

    Slot(T owner) {
      this.owner = Objects.requireNonNull(owner);
    }

    boolean scheduled() {
      return index >= 0;
    }
  }

  private final MonitorClock clock;
  private final Consumer<T> due;
  @SuppressWarnings("unchecked")
  private Slot<T>[] heap = new Slot[16];
  private int size;
  private long scheduledCount;
  private long timer = -1;
  private long timerAtNanos;
  private boolean firing;

  /** @param due called for each owner whose deadline has come, on the clock's timer */
  DueQueue(MonitorClock clock, Consumer<T> due) {
    this.clock = Objects.requireNonNull(clock);
    this.due = Objects.requireNonNull(due);
  }

  /** Sets (or moves) {@code slot}'s deadline to {@code delayMs} from now. */
  void schedule(Slot<T> slot, long delayMs) {
    if (slot.scheduled()) {
      remove(slot);
    }
    slot.atNanos = clock.nanoTime() + Math.max(1, delayMs) * 1_000_000;
    slot.order = scheduledCount++;
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    slot.index = size;
    heap[size++] = slot;
    up(slot.index);
    arm();
  }

  /** Removes {@code slot}'s deadline, if it has one. */
  void cancel(Slot<T> slot) {
    if (slot.scheduled()) {
      remove(slot);
      arm();
    }
  }

  private void fire() {
    timer = -1;
    firing = true;
    RuntimeException thrown = null;
    try {
      long now = clock.nanoTime();
      while (size > 0 && heap[0].atNanos - now <= 0) {
        Slot<T> next = heap[0];
        remove(next);
        try {
          due.accept(next.owner);
        } catch (RuntimeException e) { // the others due still fire; the loop's handler hears of it after
          if (thrown == null) {
            thrown = e;
          } else {
            thrown.addSuppressed(e);
          }
        }
      }
    } finally {
      firing = false;
      arm();
    }
    if (thrown != null) {
      throw thrown;
    }
  }

  /** Keeps the one timer on the earliest deadline; a later first deadline keeps the earlier timer, which re-arms. */
  private void arm() {
    if (firing) {
      return;
    }
    if (size == 0) {
      disarm();
      return;
    }
    long first = heap[0].atNanos;
    if (timer != -1 && timerAtNanos - first <= 0) {
      return;
    }
    disarm();
    long delayMs = Math.max(1, (first - clock.nanoTime() + 999_999) / 1_000_000);
    timerAtNanos = first;
    timer = clock.setTimer(delayMs, id -> {
      if (id == timer) { // a cancelled timer that fires anyway is not this queue's any more
        fire();
      }
    });
  }

  private void disarm() {
    if (timer != -1) {
      clock.cancelTimer(timer);
      timer = -1;
    }
  }

  private void remove(Slot<T> slot) {
    int at = slot.index;
    Slot<T> last = heap[--size];
    heap[size] = null;
    slot.index = -1;
    if (last != slot) {
      heap[at] = last;
      last.index = at;
      down(at);
      up(last.index);
    }
  }

  private void up(int at) {
    Slot<T> slot = heap[at];
    while (at > 0) {
      int parent = (at - 1) >>> 1;
      if (!before(slot, heap[parent])) {
        break;
      }
      place(heap[parent], at);
      at = parent;
    }
    place(slot, at);
  }

  private void down(int at) {
    Slot<T> slot = heap[at];
    while (true) {
      int child = 2 * at + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heap[child + 1], heap[child])) {
        child++;
      }
      if (!before(heap[child], slot)) {
        break;
      }
      place(heap[child], at);
      at = child;
    }
    place(slot, at);
  }

  private void place(Slot<T> slot, int at) {
    heap[at] = slot;
    slot.index = at;
  }

  private static boolean before(Slot<?> a, Slot<?> b) {
    long d = a.atNanos - b.atNanos;
    return d < 0 || (d == 0 && a.order < b.order);
  }
}
