package io.healthservice.notify.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The maintenance window over one check's alert, as the Alertmanager channel last saw it: the window now
 * (posted as a firing {@code MaintenanceWindow} alert, whose {@code endsAt} a few re-post intervals ahead ends
 * it by itself if this replica goes away), and the one that just closed (posted with its real end for a while,
 * so Alertmanager lifts the inhibition at once rather than when the marker expires).
 */
final class MaintenanceMark {

  /** One {@code MaintenanceWindow} alert: {@code endsAt} in the future while the window is open. */
  record Marker(String check, String window, Instant startsAt, Instant endsAt) {
  }

  private String window;
  private Instant since;
  private String closedWindow;
  private Instant closedSince;
  private Instant closedAt;

  /** The window covering the check now; null for none. */
  String window() {
    return window;
  }

  /** Records the window covering the check at {@code now}; true when it changed. */
  boolean set(String next, Instant now) {
    if (Objects.equals(window, next)) {
      return false;
    }
    if (window != null) {
      closedWindow = window;
      closedSince = since;
      closedAt = now;
    }
    window = next;
    since = now;
    return true;
  }

  /** The markers to post now: the open window's, and a recently closed one's end. */
  List<Marker> markers(String check, Instant now, Instant openUntil, Duration keepClosed) {
    List<Marker> markers = new ArrayList<>(2);
    if (closedWindow != null && now.isBefore(closedAt.plus(keepClosed))) {
      markers.add(new Marker(check, closedWindow, closedSince, closedAt));
    }
    if (window != null) {
      markers.add(new Marker(check, window, since, openUntil));
    }
    return markers;
  }
}
