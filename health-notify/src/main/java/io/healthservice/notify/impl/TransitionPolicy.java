package io.healthservice.notify.impl;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.FailureKind;
import io.healthservice.MonitorClock;
import io.healthservice.MonitorListener;
import io.healthservice.notify.MaintenanceLookup;
import io.healthservice.notify.NotifySettings;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Decides which messages to send, from the monitor's damped states. It compares each check's latest state
 * with what it last told (not with the previous run), so a message is sent once per change; within
 * {@code minInterval} of a check's last message nothing more is sent for it, and at the end of that quiet
 * window only the state it ends in counts (down-up-down inside it sends nothing). Runs on the monitor's
 * event loop; its timers come from the monitor's clock. While a maintenance window covers a check nothing is
 * sent about it; once no window does, the state it is in then is told if it differs from the last message (an
 * outage that outlives the window still pages, one that began and ended inside it sends nothing).
 */
final class TransitionPolicy implements MonitorListener {

  /** What was told about one check, and what is known now. */
  private static final class Told {
    boolean down;           // the last message said down (or reminder)
    long lastSentNanos;
    boolean everSent;
    Instant since;
    long quietTimer = -1;
    long reminderTimer = -1;
    long holdTimer = -1;
    // the latest known state
    boolean nowDown;
    FailureKind kind;
    String reason;
  }

  /** How often a held check looks whether its window is over, between results. */
  static final long HOLD_RECHECK_MS = 5_000;

  private final MonitorClock clock;
  private final NotifySettings settings;
  private final String service;
  private final Predicate<String> critical;
  private final Consumer<Notification> out;
  private final MaintenanceLookup maintenance;
  private final Map<String, Told> checks = new HashMap<>();
  private boolean closed;

  TransitionPolicy(MonitorClock clock, NotifySettings settings, String service, Predicate<String> critical,
                   Consumer<Notification> out) {
    this(clock, settings, service, critical, out, MaintenanceLookup.NONE);
  }

  TransitionPolicy(MonitorClock clock, NotifySettings settings, String service, Predicate<String> critical,
                   Consumer<Notification> out, MaintenanceLookup maintenance) {
    this.maintenance = Objects.requireNonNull(maintenance);
    this.clock = Objects.requireNonNull(clock);
    this.settings = Objects.requireNonNull(settings);
    this.service = Objects.requireNonNull(service);
    this.critical = Objects.requireNonNull(critical);
    this.out = Objects.requireNonNull(out);
  }

  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    if (current.reported() == CheckState.Reported.PENDING) {
      return;
    }
    Told told = checks.computeIfAbsent(current.name(), n -> new Told());
    told.nowDown = current.reported() == CheckState.Reported.DOWN;
    told.kind = current.kind();
    told.reason = current.reason();
    decide(current.name(), told);
  }

  @Override
  public void onStale(CheckState state) {
    // An overdue run counts as down, as it does for the probes.
    Told told = checks.computeIfAbsent(state.name(), n -> new Told());
    told.nowDown = true;
    told.kind = FailureKind.STALE;
    told.reason = state.effectiveReason(clock.nanoTime());
    decide(state.name(), told);
  }

  private void decide(String check, Told told) {
    if (closed || told.nowDown == told.down || told.quietTimer >= 0) {
      return; // nothing new to tell, or the quiet window's end will look again
    }
    if (held(check)) {
      // The window's end is looked for by a timer too: a check with a long interval still catches up soon.
      if (told.holdTimer < 0) {
        told.holdTimer = clock.setTimer(HOLD_RECHECK_MS, id -> {
          told.holdTimer = -1;
          decide(check, told);
        });
      }
      return;
    }
    long now = clock.nanoTime();
    long quietUntil = told.lastSentNanos + settings.minInterval().toNanos();
    if (told.everSent && now < quietUntil) {
      told.quietTimer = clock.setTimer(ceilMs(quietUntil - now), id -> {
        told.quietTimer = -1;
        decide(check, told);
      });
      return;
    }
    if (told.nowDown) {
      told.down = true;
      told.since = clock.now();
      send(Notification.Event.DOWN, check, told);
      armReminder(check, told);
    } else {
      told.down = false;
      clock.cancelTimer(told.reminderTimer);
      told.reminderTimer = -1;
      if (settings.sendResolved()) {
        send(Notification.Event.RESOLVED, check, told);
      }
    }
  }

  private void armReminder(String check, Told told) {
    long every = settings.reminderInterval().toMillis();
    if (every <= 0) {
      return;
    }
    told.reminderTimer = clock.setTimer(every, id -> {
      told.reminderTimer = -1;
      if (!closed && told.down && told.nowDown) {
        if (!held(check)) {
          send(Notification.Event.REMINDER, check, told);
        }
        armReminder(check, told);
      }
    });
  }

  private boolean held(String check) {
    return maintenance.windowFor(check, clock.now()).isPresent();
  }

  private void send(Notification.Event event, String check, Told told) {
    told.lastSentNanos = clock.nanoTime();
    told.everSent = true;
    boolean resolved = event == Notification.Event.RESOLVED;
    out.accept(new Notification(event, service, check, critical.test(check), resolved ? null : told.kind,
      resolved ? null : told.reason, told.since, clock.now()));
  }

  /** Stops every timer; nothing is sent afterwards. */
  void close() {
    closed = true;
    for (Told told : checks.values()) {
      clock.cancelTimer(told.quietTimer);
      clock.cancelTimer(told.reminderTimer);
      clock.cancelTimer(told.holdTimer);
    }
  }

  private static long ceilMs(long nanos) {
    return Math.max(1, (nanos + 999_999) / 1_000_000);
  }
}
