package io.healthservice.maintenance;

import io.healthservice.MonitorClock;
import io.healthservice.maintenance.impl.AdHocWindows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The maintenance windows of one service: those declared in the configuration and those started ad hoc
 * (the endpoint). Thread-safe: probes, the notifier and HTTP handlers ask from their own threads. Bounded: at
 * most {@link #MAX_AD_HOC} ad hoc windows, none longer than {@link Schedule#MAX_DURATION}, so a stuck or
 * careless caller cannot mute a service forever. Listeners are told when a window opens or closes, from a
 * timer on the clock (and at once for an ad hoc start or end).
 */
public final class MaintenanceWindows implements AutoCloseable {

  /** The most ad hoc windows open at once. */
  public static final int MAX_AD_HOC = 100;
  /** How far ahead {@link #upcoming} looks by default, and the longest a listener timer sleeps. */
  private static final Duration REVIEW = Duration.ofHours(1);

  /** Told when a window opens or closes; called on the clock's thread or the caller's (ad hoc), never under a lock. */
  public interface Listener {
    void started(ActiveWindow window);

    void ended(ActiveWindow window);
  }

  private final MonitorClock clock;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private final AdHocWindows adHoc = new AdHocWindows(MAX_AD_HOC);
  private volatile List<MaintenanceWindow> configured;
  /** What listeners were last told is open, by id; guarded by this. */
  private Map<String, ActiveWindow> told = Map.of();
  private long timer = -1;
  private boolean closed;

  private MaintenanceWindows(MonitorClock clock, List<MaintenanceWindow> configured) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.configured = List.copyOf(configured);
  }

  /** The windows {@code configured} (names must be unique), and none ad hoc yet, on {@code clock}. */
  public static MaintenanceWindows create(MonitorClock clock, List<MaintenanceWindow> configured) {
    checkUniqueNames(configured);
    MaintenanceWindows windows = new MaintenanceWindows(clock, configured);
    windows.review();
    return windows;
  }

  /** Replaces the configured windows (a reload); ad hoc windows stay. Listeners are told what changed. */
  public void replaceConfigured(List<MaintenanceWindow> next) {
    checkUniqueNames(next);
    configured = List.copyOf(next);
    review();
  }

  /** The name of a window open at {@code at} that covers {@code check}, if any (the first declared, then ad hoc). */
  public Optional<String> windowFor(String check, Instant at) {
    return active(at).stream().filter(w -> w.covers(check)).map(ActiveWindow::name).findFirst();
  }

  /** The windows open at {@code at}: configured (in the file's order), then ad hoc (in start order). */
  public List<ActiveWindow> active(Instant at) {
    List<ActiveWindow> open = new ArrayList<>();
    for (MaintenanceWindow w : configured) {
      w.schedule().covering(at).ifPresent(o -> open.add(occurrence(w, o)));
    }
    open.addAll(adHoc.at(at));
    return List.copyOf(open);
  }

  /** The next opening of each configured window that starts after {@code at} and within {@code horizon}, soonest first. */
  public List<ActiveWindow> upcoming(Instant at, Duration horizon) {
    Instant limit = at.plus(horizon);
    return configured.stream()
      .flatMap(w -> w.schedule().next(at).filter(o -> !o.start().isAfter(limit)).map(o -> occurrence(w, o)).stream())
      .sorted(Comparator.comparing(ActiveWindow::start)).toList();
  }

  /**
   * Opens an ad hoc window now, for {@code duration} (at most {@link Schedule#MAX_DURATION}).
   *
   * @throws IllegalArgumentException for a duration that is not positive or too long, or a bad name or reason
   * @throws IllegalStateException    when {@link #MAX_AD_HOC} are already open
   */
  public ActiveWindow start(List<String> checks, Duration duration, String name, Optional<String> reason) {
    if (duration.isNegative() || duration.isZero() || duration.compareTo(Schedule.MAX_DURATION) > 0) {
      throw new IllegalArgumentException("duration must be positive and at most " + Schedule.MAX_DURATION.toDays()
        + " days");
    }
    // The record checks the name and reason as a configured window's.
    new MaintenanceWindow(name, checks, reason, new Schedule.Once(Instant.EPOCH, Instant.EPOCH.plus(duration)));
    ActiveWindow window = adHoc.open(checks, duration, name, reason, clock.now());
    review();
    return window;
  }

  /** Ends the ad hoc window {@code id} now; false when there is none (never was, expired, or already ended). */
  public boolean end(String id) {
    boolean removed = adHoc.end(id, clock.now());
    if (removed) {
      review();
    }
    return removed;
  }

  /** The clock's time (what the endpoint lists at). */
  Instant now() {
    return clock.now();
  }

  /** Tells {@code listener} from now on when a window opens or closes (not of those open already). */
  public void listen(Listener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Stops the timer; listeners are told nothing more. */
  @Override
  public synchronized void close() {
    closed = true;
    clock.cancelTimer(timer);
  }

  /** Compares what is open now with what listeners were told, tells them, and sets the timer for the next change. */
  private void review() {
    Instant now = clock.now();
    List<ActiveWindow> started = new ArrayList<>();
    List<ActiveWindow> ended = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      adHoc.prune(now);
      // Read under the lock: two reviews at once must not tell listeners from a stale picture.
      List<ActiveWindow> open = active(now);
      Map<String, ActiveWindow> next = open.stream()
        .collect(Collectors.toMap(MaintenanceWindows::key, w -> w, (a, b) -> a, LinkedHashMap::new));
      told.forEach((key, w) -> {
        if (!next.containsKey(key)) {
          ended.add(w.end().isAfter(now) ? withEnd(w, now) : w);
        }
      });
      next.forEach((key, w) -> {
        if (!told.containsKey(key)) {
          started.add(w);
        }
      });
      told = next;
      clock.cancelTimer(timer);
      timer = clock.setTimer(untilNextChange(now, open).toMillis() + 1, id -> review());
    }
    ended.forEach(w -> listeners.forEach(l -> l.ended(w)));
    started.forEach(w -> listeners.forEach(l -> l.started(w)));
  }

  private Duration untilNextChange(Instant now, List<ActiveWindow> open) {
    Instant next = now.plus(REVIEW);
    for (ActiveWindow w : open) {
      next = w.end().isBefore(next) ? w.end() : next;
    }
    for (ActiveWindow w : upcoming(now, REVIEW)) {
      next = w.start().isBefore(next) ? w.start() : next;
    }
    return Duration.between(now, next);
  }

  private static String key(ActiveWindow w) {
    return w.id() + "@" + w.start();
  }

  private static ActiveWindow withEnd(ActiveWindow w, Instant end) {
    return new ActiveWindow(w.id(), w.name(), w.checks(), w.start(), end, w.reason(), w.adHoc());
  }

  private static ActiveWindow occurrence(MaintenanceWindow w, Schedule.Occurrence o) {
    return new ActiveWindow(w.name(), w.name(), w.checks(), o.start(), o.end(), w.reason(), false);
  }

  private static void checkUniqueNames(List<MaintenanceWindow> windows) {
    Set<String> names = new java.util.HashSet<>();
    windows.forEach(w -> {
      if (!names.add(w.name())) {
        throw new IllegalArgumentException("two windows are called " + w.name());
      }
    });
  }
}
