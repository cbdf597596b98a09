package io.healthservice.status.impl;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The history of every check that has reported at least once, as of the monitor's latest publication. Immutable.
 * A publication copies one array of references and shares the index of names with the snapshot before, unless a
 * check is new or gone: at 10,000 checks a new hash map each tick (copied twice) lived past a young collection and
 * was promoted, and its collections in the old generation paused the probes.
 */
public final class HistorySnapshot {

  public static final HistorySnapshot EMPTY = new HistorySnapshot(Map.of(), new CheckHistory[0]);

  /** Where each check's history sits; never written once a snapshot holds it. */
  private final Map<String, Integer> index;
  private final CheckHistory[] histories;

  private HistorySnapshot(Map<String, Integer> index, CheckHistory[] histories) {
    this.index = index;
    this.histories = histories;
  }

  public Optional<CheckHistory> check(String name) {
    Integer at = index.get(name);
    return at == null ? Optional.empty() : Optional.of(histories[at]);
  }

  /** Every check's history by name: a copy, for tests. */
  Map<String, CheckHistory> checks() {
    Map<String, CheckHistory> all = new LinkedHashMap<>(index.size() * 2);
    index.forEach((name, at) -> all.put(name, histories[at]));
    return Collections.unmodifiableMap(all);
  }

  /** This snapshot with {@code changed} histories replacing or joining those it holds. */
  HistorySnapshot with(Map<String, CheckHistory> changed) {
    Map<String, Integer> nextIndex = index;
    for (String name : changed.keySet()) {
      if (!nextIndex.containsKey(name)) {
        if (nextIndex == index) {
          nextIndex = new HashMap<>(index);
        }
        nextIndex.put(name, nextIndex.size());
      }
    }
    CheckHistory[] next = Arrays.copyOf(histories, nextIndex.size());
    for (Map.Entry<String, CheckHistory> entry : changed.entrySet()) {
      next[nextIndex.get(entry.getKey())] = entry.getValue();
    }
    return new HistorySnapshot(nextIndex, next);
  }

  /** This snapshot without {@code name}'s history (a reload removed the check). */
  HistorySnapshot without(String name) {
    if (!index.containsKey(name)) {
      return this;
    }
    Map<String, Integer> nextIndex = new HashMap<>(index.size() * 2);
    CheckHistory[] next = new CheckHistory[histories.length - 1];
    index.forEach((other, at) -> {
      if (!other.equals(name)) {
        int to = nextIndex.size();
        nextIndex.put(other, to);
        next[to] = histories[at];
      }
    });
    return new HistorySnapshot(nextIndex, next);
  }
}
