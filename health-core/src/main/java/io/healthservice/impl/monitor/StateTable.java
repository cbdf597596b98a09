package io.healthservice.impl.monitor;

import io.healthservice.CheckState;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The checks' states as a snapshot holds them: an immutable map over a copy of the states in configuration order,
 * looked up through an index shared by every snapshot of one configuration. Publishing copies an array of
 * references, not a hash map: at 10,000 checks {@code Map.copyOf} hashed and probed every name at each tick, the
 * largest cost of a run in the profile. {@link io.healthservice.HealthSnapshot} keeps it as it is.
 */
public final class StateTable extends AbstractMap<String, CheckState> {

  /** The names of one configuration, in order, and where each sits. */
  record Layout(String[] names, Map<String, Integer> index) {

    static Layout of(Collection<String> names) {
      String[] ordered = names.toArray(new String[0]);
      Map<String, Integer> index = new java.util.HashMap<>(ordered.length * 2);
      for (int i = 0; i < ordered.length; i++) {
        index.put(ordered[i], i);
      }
      return new Layout(ordered, Collections.unmodifiableMap(index));
    }
  }

  private final Layout layout;
  private final CheckState[] states;

  /** {@code states} in the order of {@code layout}'s names, copied. */
  StateTable(Layout layout, Collection<CheckState> states) {
    this.layout = layout;
    this.states = states.toArray(new CheckState[0]);
    if (this.states.length != layout.names().length) {
      throw new IllegalArgumentException("states do not match the layout");
    }
  }

  @Override
  public CheckState get(Object name) {
    Integer at = layout.index().get(name);
    return at == null ? null : states[at];
  }

  @Override
  public boolean containsKey(Object name) {
    return layout.index().containsKey(name);
  }

  @Override
  public int size() {
    return states.length;
  }

  @Override
  public Collection<CheckState> values() {
    return Collections.unmodifiableList(Arrays.asList(states));
  }

  @Override
  public Set<Entry<String, CheckState>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, CheckState>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < states.length;
          }

          @Override
          public Entry<String, CheckState> next() {
            if (next >= states.length) {
              throw new NoSuchElementException();
            }
            int at = next++;
            return new SimpleImmutableEntry<>(layout.names()[at], states[at]);
          }
        };
      }

      @Override
      public int size() {
        return states.length;
      }
    };
  }
}
