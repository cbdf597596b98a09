package io.healthservice.history.pg.impl;

import io.healthservice.status.HistoryStore.Batch;
import io.healthservice.status.HistoryStore.Change;
import io.healthservice.status.HistoryStore.Minute;
import io.healthservice.status.HistoryStore.State;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What waits for the store: minutes keyed by (minute, check) so a re-offered one replaces the buffered one and
 * the oldest go first (both to the store and, over capacity, to the bin); transitions in order; the latest state
 * per check. Records stay here until written: {@link #take} copies, {@link #written} removes what is unchanged.
 */
final class WriteBuffer {

  private record Key(long minute, String check) {
  }

  private record Numbered(long seq, Change change) {
  }

  private static final Comparator<Key> OLDEST_FIRST = Comparator.comparingLong(Key::minute).thenComparing(Key::check);

  private final int capacity;
  private final TreeMap<Key, Minute> minutes = new TreeMap<>(OLDEST_FIRST);
  private final ArrayDeque<Numbered> transitions = new ArrayDeque<>();
  private final Map<String, State> states = new LinkedHashMap<>();
  private long nextSeq;
  private long dropped;

  WriteBuffer(int capacity) {
    this.capacity = capacity;
  }

  synchronized void offer(Batch batch) {
    // A record the tables cannot take would fail its batch at every retry: it is dropped (and counted) here.
    for (Minute m : batch.minutes()) {
      if (m.check() == null) {
        dropped++;
      } else {
        minutes.put(new Key(m.epochMinute(), m.check()), m);
      }
    }
    for (Change c : batch.transitions()) {
      if (c.check() == null || c.at() == null || c.to() == null) {
        dropped++;
      } else {
        transitions.addLast(new Numbered(nextSeq++, c));
      }
    }
    for (State s : batch.states()) {
      if (s.check() == null || s.state() == null) {
        dropped++;
        continue;
      }
      states.remove(s.check()); // re-inserted last: the order of the latest change
      states.put(s.check(), s);
    }
    // Minutes are the bulk and the oldest matter least: they go first; then the oldest transitions.
    while (minutes.size() + transitions.size() > capacity) {
      if (!minutes.isEmpty()) {
        minutes.pollFirstEntry();
      } else {
        transitions.pollFirst();
      }
      dropped++;
    }
  }

  /** Up to {@code maxRows} records, oldest first (states always whole: one per check). */
  synchronized Pending take(int maxRows) {
    List<Minute> ms = new ArrayList<>(Math.min(maxRows, minutes.size()));
    for (Minute m : minutes.values()) {
      if (ms.size() >= maxRows) {
        break;
      }
      ms.add(m);
    }
    List<Change> cs = new ArrayList<>();
    long lastSeq = -1;
    for (Numbered n : transitions) {
      if (ms.size() + cs.size() >= maxRows) {
        break;
      }
      cs.add(n.change());
      lastSeq = n.seq();
    }
    return new Pending(ms, cs, lastSeq, List.copyOf(states.values()));
  }

  /** Removes what {@code written} wrote, unless it was replaced since. */
  synchronized void written(Pending written) {
    for (Minute m : written.minutes()) {
      minutes.remove(new Key(m.epochMinute(), m.check()), m);
    }
    while (!transitions.isEmpty() && transitions.peekFirst().seq() <= written.lastSeq()) {
      transitions.pollFirst();
    }
    for (State s : written.states()) {
      states.remove(s.check(), s);
    }
  }

  /** Minutes and transitions waiting. */
  synchronized long size() {
    return minutes.size() + transitions.size();
  }

  synchronized boolean isEmpty() {
    return minutes.isEmpty() && transitions.isEmpty() && states.isEmpty();
  }

  synchronized long dropped() {
    return dropped;
  }

  /** Drops a batch the store refused as data (not as a failure to reach it), so it does not block the rest. */
  synchronized void rejected(Pending p) {
    written(p);
    dropped += p.minutes().size() + p.transitions().size();
  }

  /** One transaction's worth. */
  record Pending(List<Minute> minutes, List<Change> transitions, long lastSeq, List<State> states) {
    int rows() {
      return minutes.size() + transitions.size() + states.size();
    }
  }
}
