package io.healthservice.notify.impl;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.HealthChecker;
import io.healthservice.MonitorClock;
import io.healthservice.notify.AlertmanagerSettings;
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
 */
public final class AlertmanagerChannel extends MonitorLoopListener implements AlertmanagerTarget.State {

  /** One check's alert; {@code owed} are the targets that have not taken its end yet. */
  private static final class Entry {
    boolean firing;
    Instant startsAt;
    Instant endsAt;
    String reason;
    final Set<Integer> owed = new HashSet<>();
  }

  private final MonitorClock clock;
  private final String service;
  private final AlertmanagerSettings settings;
  private final Predicate<String> critical;
  private final Poster poster;
  private final Map<String, Entry> alerts = new LinkedHashMap<>();
  private final List<AlertmanagerTarget> targets = new ArrayList<>();
  /** Per target: the ends included in its post in flight, acknowledged when it is accepted. */
  private final Map<Integer, Map<String, Instant>> inFlight = new HashMap<>();
  private long lastPostNanos;
  private boolean closed;

  AlertmanagerChannel(MonitorClock clock, String service, AlertmanagerSettings settings, Predicate<String> critical,
                      Poster poster, Backoff backoff) {
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
                                           AlertmanagerSettings settings) {
    return new AlertmanagerChannel(checker.clock(), service, settings, Criticality.of(checker.snapshot()),
      new HttpPoster(vertx, "health-alertmanager", settings.requestTimeout().toMillis(), settings.caFile(),
        settings.authorization()),
      new Backoff(settings.initialBackoff(), settings.maxBackoff(), settings.maxBackoff(),
        () -> ThreadLocalRandom.current().nextDouble()));
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
    if (down) {
      if (entry == null || !entry.firing) {
        entry = entry == null ? new Entry() : entry;
        entry.firing = true;
        entry.startsAt = clock.now();
        entry.endsAt = null;
        entry.owed.clear();
        entry.reason = reason;
        alerts.put(check, entry);
        postAll();
        return;
      }
      entry.reason = reason;
      if (clock.nanoTime() - lastPostNanos >= settings.repostInterval().toNanos()) {
        postAll(); // still down: keep the alert alive
      }
    } else if (entry != null && entry.firing) {
      entry.firing = false;
      entry.endsAt = clock.now();
      for (int i = 0; i < targets.size(); i++) {
        entry.owed.add(i);
      }
      postAll();
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
    alerts.forEach((check, e) -> {
      if (e.firing || e.owed.contains(target)) {
        list.add(new AlertBody.Alert(check, critical.test(check), e.firing, e.startsAt, e.endsAt, e.reason));
        if (!e.firing) {
          ends.put(check, e.endsAt);
        }
      }
    });
    inFlight.put(target, ends);
    return list.isEmpty() ? null : AlertBody.render(service, settings, list).toBuffer();
  }

  @Override
  public void delivered(int target, Buffer body) {
    Map<String, Instant> ends = inFlight.getOrDefault(target, Map.of());
    ends.forEach((check, endsAt) -> {
      Entry e = alerts.get(check);
      if (e != null && !e.firing && endsAt.equals(e.endsAt)) {
        e.owed.remove(target);
        if (e.owed.isEmpty()) {
          alerts.remove(check); // ended everywhere: nothing left to remember
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
