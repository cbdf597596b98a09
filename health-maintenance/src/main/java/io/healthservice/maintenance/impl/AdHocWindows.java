package io.healthservice.maintenance.impl;

import io.healthservice.maintenance.ActiveWindow;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ad hoc windows of one process, bounded: at most {@code max} open, and the last {@code max} that closed
 * (with their real end), so a view of the past (uptime over the last day) still sees them. Thread-safe.
 */
public final class AdHocWindows {

  private final int max;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, ActiveWindow> open = new LinkedHashMap<>();
  private final Deque<ActiveWindow> closed = new ArrayDeque<>();

  public AdHocWindows(int max) {
    this.max = max;
  }

  /** The windows open at {@code at}: closed ones first (only a past instant finds them), then open ones. */
  public synchronized List<ActiveWindow> at(Instant at) {
    List<ActiveWindow> found = new ArrayList<>();
    closed.stream().filter(w -> w.openAt(at)).forEach(found::add);
    open.values().stream().filter(w -> w.openAt(at)).forEach(found::add);
    return found;
  }

  /** Opens a window at {@code now}; {@link IllegalStateException} when {@code max} are open. */
  public synchronized ActiveWindow open(List<String> checks, Duration duration, String name, Optional<String> reason,
                                        Instant now) {
    prune(now);
    if (open.size() >= max) {
      throw new IllegalStateException("at most " + max + " ad hoc windows may be open");
    }
    byte[] id = new byte[6];
    random.nextBytes(id);
    ActiveWindow window = new ActiveWindow(HexFormat.of().formatHex(id), name, checks, now, now.plus(duration), reason,
      true);
    open.put(window.id(), window);
    return window;
  }

  /** Ends {@code id} at {@code now}; false when no open window has that id. */
  public synchronized boolean end(String id, Instant now) {
    prune(now);
    ActiveWindow window = open.remove(id);
    if (window == null) {
      return false;
    }
    remember(new ActiveWindow(window.id(), window.name(), window.checks(), window.start(), now, window.reason(), true));
    return true;
  }

  /** Moves the windows whose end has come to the closed ones. */
  public synchronized void prune(Instant now) {
    for (Iterator<ActiveWindow> it = open.values().iterator(); it.hasNext(); ) {
      ActiveWindow w = it.next();
      if (!w.end().isAfter(now)) {
        it.remove();
        remember(w);
      }
    }
  }

  private void remember(ActiveWindow window) {
    closed.addLast(window);
    if (closed.size() > max) {
      closed.removeFirst();
    }
  }
}
