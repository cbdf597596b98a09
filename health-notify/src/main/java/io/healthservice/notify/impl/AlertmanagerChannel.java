package io.healthservice.notify.impl;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.HealthChecker;
import io.healthservice.MonitorClock;
import io.healthservice.notify.AlertmanagerSettings;
import io.healthservice.notify.MaintenanceLookup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * The Alertmanager channel: state, not transitions. Each check that is down (damped, or stale) is a firing
 * alert, posted to every Alertmanager when it goes down and again at the first down result after each
 * re-post interval (a replica keeps the alert alive only while it still sees the check down); a check that
 * is ok again is posted once with {@code endsAt} (retried until each Alertmanager took it). A replica that
 * starts posts what it sees; one that stops just stops, and the alert lives while another replica re-posts
 * it. The state is one entry per check whatever Alertmanager does, so memory is bounded.
 *
 * <p>Maintenance never changes the alert itself (a new label would make it another alert: a false "resolved",
 * then a second page). Beside the alert of a check a window covers goes a {@code MaintenanceWindow} alert
 * ({@link MaintenanceMark}) that the shipped inhibit rule mutes it with, on every replica's alert alike. An
 * alert that ended inside a window has its end posted again once the window is over, when nothing mutes it.
 */
public final class AlertmanagerChannel extends MonitorLoopListener implements AlertmanagerTarget.State {

  /** One check's alert; {@code owed} are the targets that have not taken its end yet. */
  private static final class Entry {
    boolean firing;
    Instant startsAt;
    Instant endsAt;
    String reason;
    final Set<Integer> owed = new HashSet<>();
    final MaintenanceMark mark = new MaintenanceMark();
  }

  private final MonitorClock clock;
  private final String service;
  private final AlertmanagerSettings settings;
  private final Predicate<String> critical;
  private final Poster poster;
  private final MaintenanceLookup maintenance;
  private final Map<String, Entry> alerts = new LinkedHashMap<>();
  private final List<AlertmanagerTarget> targets = new ArrayList<>();
  /** Per target: the ends included in its post in flight, acknowledged when it is accepted. */
  private final Map<Integer, Map<String, Instant>> inFlight = new HashMap<>();
  private long lastPostNanos;
  private boolean closed;

  AlertmanagerChannel(MonitorClock clock, String service, AlertmanagerSettings settings, Predicate<String> critical,
                      Poster poster, Backoff backoff) {
    this(clock, service, settings, critical, poster, backoff, MaintenanceLookup.NONE);
  }

  AlertmanagerChannel(MonitorClock clock, String service, AlertmanagerSettings settings, Predicate<String> critical,
                      Poster poster, Backoff backoff, MaintenanceLookup maintenance) {
    this.maintenance = Objects.requireNonNull(maintenance);
    this.clock = Objects.requireNonNull(clock);
    this.service = Objects.requireNonNull(service);
    this.settings = Objects.requireNonNull(settings);
    this.critical = Objects.requireNonNull(critical);
    this.poster = Objects.requireNonNull(poster);
    for (int i = 0; i < settings.urls().size(); i++) {
      targets.add(new AlertmanagerTarget(i, settings.urls().get(i), poster, clock, settings.requestTimeout().toMillis(),
        backoff, this));
    }
  }

  /** The channel for the checks of {@code checker} (criticality from their groups), on its clock. */
  public static AlertmanagerChannel create(Vertx vertx, HealthChecker checker, String service,
                                           AlertmanagerSettings settings, MaintenanceLookup maintenance) {
    return new AlertmanagerChannel(checker.clock(), service, settings, Criticality.of(checker.snapshot()),
      new HttpPoster(vertx, "health-alertmanager", settings.requestTimeout().toMillis(), settings.caFile(),
        settings.authorization()),
      new Backoff(settings.initialBackoff(), settings.maxBackoff(), settings.maxBackoff(),
        () -> ThreadLocalRandom.current().nextDouble()), maintenance);
  }

  @Override
  void result(CheckState previous, CheckState current, CheckFailure failure) {
    if (current.reported() == CheckState.Reported.PENDING) {
      return;
    }
    seen(current.name(), current.reported() == CheckState.Reported.DOWN, current.reason());
  }

  @Override
  void stale(CheckState state) {
    seen(state.name(), true, state.effectiveReason(clock.nanoTime()));
  }

  private void seen(String check, boolean down, String reason) {
    if (closed) {
      return;
    }
    Entry entry = alerts.get(check);
    String window = entry == null && !down ? null : maintenance.windowFor(check, clock.now()).orElse(null);
    if (down) {
      if (entry == null || !entry.firing) {
        entry = entry == null ? new Entry() : entry;
        entry.firing = true;
        entry.startsAt = clock.now();
        entry.endsAt = null;
        entry.owed.clear();
        entry.reason = reason;
        entry.mark.set(window, clock.now());
        alerts.put(check, entry);
        postAll();
        return;
      }
      entry.reason = reason;
      if (entry.mark.set(window, clock.now()) || clock.nanoTime() - lastPostNanos >= settings.repostInterval().toNanos()) {
        postAll(); // a window opened or closed, or still down: keep the alert alive
      }
    } else if (entry != null && entry.firing) {
      entry.firing = false;
      entry.endsAt = clock.now();
      entry.mark.set(window, clock.now());
      oweAll(entry);
      postAll();
    } else if (entry != null) {
      boolean changed = entry.mark.set(window, clock.now());
      if (changed && window == null) {
        oweAll(entry); // its end was muted by the window: told again now that nothing mutes it
        postAll();
      } else if (window != null && clock.nanoTime() - lastPostNanos >= settings.repostInterval().toNanos()) {
        postAll(); // recovered inside the window: the marker must outlive the window, not lapse 3 re-posts later
      }
    }
  }

  private void oweAll(Entry entry) {
    for (int i = 0; i < targets.size(); i++) {
      entry.owed.add(i);
    }
  }

  private void postAll() {
    lastPostNanos = clock.nanoTime();
    targets.forEach(AlertmanagerTarget::request);
  }

  @Override
  public Buffer body(int target) {
    List<AlertBody.Alert> list = new ArrayList<>();
    Map<String, Instant> ends = new HashMap<>();
    List<MaintenanceMark.Marker> markers = new ArrayList<>();
    Instant now = clock.now();
    Instant markerEnd = now.plus(settings.repostInterval().multipliedBy(3));
    alerts.forEach((check, e) -> {
      if (e.firing || e.owed.contains(target)) {
        list.add(new AlertBody.Alert(check, critical.test(check), e.firing, e.startsAt, e.endsAt, e.reason,
          e.mark.window()));
        if (!e.firing) {
          ends.put(check, e.endsAt);
        }
      }
      markers.addAll(e.mark.markers(check, now, markerEnd, settings.repostInterval().multipliedBy(3)));
    });
    inFlight.put(target, ends);
    if (list.isEmpty() && markers.isEmpty()) {
      return null;
    }
    return AlertBody.render(service, settings, list).addAll(AlertBody.markers(service, settings, markers)).toBuffer();
  }

  @Override
  public void delivered(int target, Buffer body) {
    Map<String, Instant> ends = inFlight.getOrDefault(target, Map.of());
    ends.forEach((check, endsAt) -> {
      Entry e = alerts.get(check);
      if (e != null && !e.firing && endsAt.equals(e.endsAt)) {
        e.owed.remove(target);
        if (e.owed.isEmpty() && e.mark.window() == null) {
          alerts.remove(check); // ended everywhere, and no window mutes the end: nothing left to remember
        }
      }
    });
  }

  /** Checks with an alert this channel still has to post (firing, or an end not yet taken): at most one per check. */
  int entries() {
    return alerts.size();
  }

  /** Stops posting (a stopping replica does not end its alerts: the others, or resolve_timeout, do). */
  @Override
  void shutDown() {
    closed = true;
    targets.forEach(AlertmanagerTarget::close);
    poster.close();
  }
}
