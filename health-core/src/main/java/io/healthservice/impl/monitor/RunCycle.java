package io.healthservice.impl.monitor;

import io.healthservice.CertificateExpiry;
import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.CheckState;
import io.healthservice.MonitorClock;
import io.healthservice.MonitorListener;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One check's runs, from the cap on runs in flight to the next run's timer: the run under the monitor's one
 * timeout, its result judged and recorded, listeners told, the next run scheduled on its anchored interval.
 * Everything happens on the monitor's loop.
 */
final class RunCycle {

  private final MonitorClock clock;
  private final StateBoard board;
  private final List<MonitorListener> listeners;
  private final RandomGenerator random;
  private final RunGate gate;
  private final DueQueue<MonitorEntry> runsDue;
  private final DueQueue<MonitorEntry> staleDue;
  private Pacing pacing;
  private boolean stopped;

  RunCycle(MonitorClock clock, StateBoard board, List<MonitorListener> listeners, Pacing pacing, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock);
    this.board = Objects.requireNonNull(board);
    this.listeners = Objects.requireNonNull(listeners);
    this.pacing = Objects.requireNonNull(pacing);
    this.random = Objects.requireNonNull(random);
    this.gate = new RunGate(pacing.maxInFlight(), this::admitted);
    this.runsDue = new DueQueue<>(clock, this::run);
    this.staleDue = new DueQueue<>(clock, this::staleDue);
  }

  Pacing pacing() {
    return pacing;
  }

  void repace(Pacing next) {
    pacing = next;
    gate.resize(next.maxInFlight());
  }

  RunGate gate() {
    return gate;
  }

  void stop() {
    stopped = true;
  }

  /** Removes {@code entry}'s deadlines: it is retired, or the monitor stops. */
  void cancel(MonitorEntry entry) {
    runsDue.cancel(entry.runSlot);
    staleDue.cancel(entry.staleSlot);
    entry.staleWatched = null;
  }

  /**
   * The first run of {@code entry} (at start, or a reload's new check): now, or at scale, for a check that does
   * not gate the start, at a random phase of its first interval ({@link Pacing#firstRunMs}).
   */
  void runFirst(MonitorEntry entry, boolean critical) {
    long delayMs = pacing.firstRunMs(entry.monitored.settings().interval().toMillis(), pacing.gatesStart(critical), random);
    entry.dueNanos = clock.nanoTime() + delayMs * 1_000_000;
    if (delayMs == 0) {
      run(entry);
      return;
    }
    entry.phased = true;
    runsDue.schedule(entry.runSlot, delayMs);
  }

  private void run(MonitorEntry entry) {
    if (stopped || entry.retired || entry.inFlight || entry.waiting) {
      return;
    }
    if (gate.enter(entry)) {
      admitted(entry);
    }
  }

  /** A run that holds a slot under the cap: it starts now, and its own timeout starts with it. */
  private void admitted(MonitorEntry entry) {
    if (stopped || entry.retired) {
      gate.leave();
      return;
    }
    entry.inFlight = true;
    long timeoutMs = Math.max(1, entry.monitored.settings().timeout().toMillis());
    long started = clock.nanoTime();
    Promise<Void> ended = Promise.promise();
    CheckContext context = CheckContext.of(Duration.ofMillis(timeoutMs), ended.future());
    Thread loop = Thread.currentThread();
    Context loopContext = Vertx.currentContext();
    TimedPing.ping(entry.monitored.check(), context, timeoutMs, clock).onComplete(ar -> {
      // A check's future may complete on another thread (a plug-in's own client): its result is judged on the loop.
      if (Thread.currentThread() != loop && loopContext != null) {
        loopContext.runOnContext(v -> ended(entry, context, ended, ar, started));
      } else {
        ended(entry, context, ended, ar, started);
      }
    });
  }

  private void ended(MonitorEntry entry, CheckContext context, Promise<Void> ended, AsyncResult<Void> ar, long started) {
    // First the check hears the verdict: a client that timed out, broke or spoke garbage is dropped
    // (a hung one would pile up requests); the next run reconnects.
    ended.handle(ar);
    finish(entry, context, ar.succeeded() ? null : Failures.classify(ar.cause()), started);
    gate.leave();
  }

  private void finish(MonitorEntry entry, CheckContext context, CheckFailure failure, long startedNanos) {
    entry.inFlight = false;
    if (stopped || entry.retired) {
      return; // the client is closed or replaced: nobody to tell
    }
    long finished = clock.nanoTime();
    CheckSettings settings = entry.monitored.settings();
    TimedPing.warnIfSlow(settings, context, failure, (finished - startedNanos) / 1_000_000);
    long backoffMs = failure == null ? 0 : failure.retryAfter().map(Duration::toMillis).orElse(0L);
    CheckState previous = board.get(entry.monitored.check().name());
    Instant now = clock.now();
    // A run that reached no handshake (refused, timed out) says nothing new of the certificate: the last one stands.
    Optional<Instant> notAfter = context.certificate()
      .or(() -> Optional.ofNullable(previous.certificate()).map(CertificateExpiry::notAfter));
    CheckState current = Damping.next(previous, failure, settings, startedNanos, finished, now, backoffMs)
      .withCertificate(notAfter.map(end -> CertificateExpiry.at(end, now, settings.certificateWarning())).orElse(null))
      .withWarnings(failure == null ? context.warnings() : List.of())
      .withInUse(context.server().orElse(null));
    // Listeners (counters, logs) first, then the new state: whoever sees the new state also sees the
    // failure that caused it counted.
    for (MonitorListener listener : listeners) {
      listener.onResult(previous, current, failure);
    }
    board.put(current);
    watchStale(entry, current);
    scheduleNext(entry, finished, backoffMs);
  }

  /**
   * The next run: an interval after the last one was due (at scale, the second at a random phase of the interval
   * after the first run), plus a fresh jitter that never moves the anchor, so the schedule drifts by no more than the
   * jitter; later when the server asked to back off, or from now when a run overran its interval.
   */
  private void scheduleNext(MonitorEntry entry, long nowNanos, long backoffMs) {
    long intervalMs = entry.monitored.settings().interval().toMillis();
    boolean second = !entry.ranOnce;
    entry.ranOnce = true;
    // At scale the second run falls at a random phase of the interval that follows the first run's end: first
    // runs that waited for a slot at start end together, and a phase counted from their due time would be past.
    long anchor = second && pacing.spread() && !entry.phased
      ? nowNanos + pacing.secondRunMs(intervalMs, random) * 1_000_000
      : entry.dueNanos + intervalMs * 1_000_000;
    if (anchor - nowNanos < 1_000_000) {
      anchor = nowNanos + 1_000_000;
    }
    if (backoffMs > 0 && anchor - (nowNanos + backoffMs * 1_000_000) < 0) {
      anchor = nowNanos + backoffMs * 1_000_000;
    }
    entry.dueNanos = anchor;
    long delayMs = (anchor - nowNanos + 999_999) / 1_000_000;
    runsDue.schedule(entry.runSlot, delayMs + pacing.jitterMs(intervalMs, random));
  }

  /** Tells listeners once when an up result outlives its max age before a newer one replaces it. */
  private void watchStale(MonitorEntry entry, CheckState state) {
    if (state.reported() != CheckState.Reported.UP) {
      // a check that is down or pending already counts as down: going stale changes nothing
      staleDue.cancel(entry.staleSlot);
      entry.staleWatched = null;
      return;
    }
    entry.staleWatched = state;
    staleDue.schedule(entry.staleSlot, state.maxAgeNanos() / 1_000_000 + 1);
  }

  private void staleDue(MonitorEntry entry) {
    CheckState state = entry.staleWatched;
    entry.staleWatched = null;
    if (state != null && board.get(state.name()) == state && state.isStale(clock.nanoTime())) {
      for (MonitorListener listener : listeners) {
        listener.onStale(state);
      }
    }
  }
}
