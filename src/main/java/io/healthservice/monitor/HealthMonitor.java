package io.healthservice.monitor;

import io.healthservice.checks.CheckFailure;
import io.healthservice.checks.FailureKind;
import io.healthservice.checks.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.CheckResult;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs every check in the background on its own interval and keeps the latest results.
 *
 * <p>Checks are registered as Vert.x {@link HealthChecks} procedures, whose timer is the single timeout
 * mechanism for all of them. A run starts only after the previous run of the same check has finished
 * (or timed out), so runs never overlap; after a failed run the check's client is reset so that I/O to
 * a hung or broken server does not pile up. Probes never trigger I/O: they read {@link #snapshot()}.
 *
 * <p>All state changes happen on the event loop of the context that called {@link #start()}; the
 * snapshot is published through a volatile field and may be read from any thread.
 */
public final class HealthMonitor {

  private final Vertx vertx;
  private final HealthChecks healthChecks;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
  private volatile HealthSnapshot snapshot;
  private boolean stopped;
  private long sweepTimer = -1;
  /** How often overdue results are looked for, to tell listeners (log, metrics) that a check went stale. */
  static final long STALE_SWEEP_MS = 250;

  private static final class Entry {
    final MonitoredCheck monitored;
    final String procedure;
    boolean inFlight;
    boolean staleNotified;
    long timerId = -1;

    Entry(MonitoredCheck monitored, String procedure) {
      this.monitored = monitored;
      this.procedure = procedure;
    }
  }

  /**
   * @param groups how checks are grouped into {@code dependencies} entries; every check of
   *               {@code checks} must belong to exactly one group
   */
  public HealthMonitor(Vertx vertx, List<DependencyGroup> groups, List<MonitoredCheck> checks) {
    this.vertx = Objects.requireNonNull(vertx);
    this.healthChecks = HealthChecks.create(vertx);
    Map<String, CheckState> initial = new LinkedHashMap<>();
    for (DependencyGroup group : groups) {
      for (String name : group.checks()) {
        MonitoredCheck monitored = checks.stream().filter(c -> c.check().name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("group " + group.name() + " names unknown check " + name));
        if (entries.containsKey(name)) {
          throw new IllegalArgumentException("check " + name + " is in two groups");
        }
        // Nested names ("llm_services/openai") mirror the grouping in the HealthChecks tree.
        String procedure = group.isSingleCheck() ? name : group.name() + "/" + name;
        entries.put(name, new Entry(monitored, procedure));
        initial.put(name, CheckState.pending(name, monitored.settings().maxAge().toNanos()));
      }
    }
    if (entries.size() != checks.size()) {
      throw new IllegalArgumentException("every check must belong to one group");
    }
    this.snapshot = new HealthSnapshot(groups, initial);
  }

  public HealthMonitor addListener(MonitorListener listener) {
    listeners.add(Objects.requireNonNull(listener));
    return this;
  }

  /** The Vert.x procedures, e.g. to reuse with Vert.x's own handler for debugging. */
  public HealthChecks healthChecks() {
    return healthChecks;
  }

  /** The latest results; never blocks, never does I/O. */
  public HealthSnapshot snapshot() {
    return snapshot;
  }

  /** Registers the procedures and runs every check at once, then on its interval. Call on an event loop. */
  public Future<Void> start() {
    for (Entry entry : entries.values()) {
      long timeoutMs = Math.max(1, entry.monitored.settings().timeout().toMillis());
      healthChecks.register(entry.procedure, timeoutMs, promise ->
        entry.monitored.check().ping().onComplete(ar -> {
          if (ar.succeeded()) {
            promise.tryComplete(Status.OK());
          } else {
            promise.tryFail(Failures.classify(ar.cause()));
          }
        }));
    }
    entries.values().forEach(this::run);
    sweepTimer = vertx.setPeriodic(STALE_SWEEP_MS, id -> sweepStale());
    return Future.succeededFuture();
  }

  /** Stops scheduling and closes every check's client. */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(sweepTimer);
    List<Future<Void>> closing = new ArrayList<>();
    for (Entry entry : entries.values()) {
      vertx.cancelTimer(entry.timerId);
      closing.add(entry.monitored.check().close());
    }
    return Future.join(closing).mapEmpty();
  }

  private void sweepStale() {
    long now = System.nanoTime();
    for (Entry entry : entries.values()) {
      CheckState state = snapshot.checks().get(entry.monitored.check().name());
      if (!entry.staleNotified && state.reported() == CheckState.Reported.UP && state.isStale(now)) {
        entry.staleNotified = true;
        for (MonitorListener listener : listeners) {
          listener.onStale(state);
        }
      }
    }
  }

  private void run(Entry entry) {
    if (stopped || entry.inFlight) {
      return;
    }
    entry.inFlight = true;
    long started = System.nanoTime();
    healthChecks.checkStatus(entry.procedure).onComplete(ar -> {
      long finished = System.nanoTime();
      CheckSettings settings = entry.monitored.settings();
      CheckFailure failure = ar.succeeded() ? failureOf(ar.result(), settings) : Failures.classify(ar.cause());
      if (failure != null) {
        // A connection that timed out, broke or spoke garbage is not to be trusted (and a hung one would
        // pile up requests): drop the client's connections; the next run reconnects.
        entry.monitored.check().reset();
      }
      long backoffMs = failure == null ? 0 : failure.retryAfter().map(Duration::toMillis).orElse(0L);
      record(entry, failure, started, finished, backoffMs);
      entry.inFlight = false;
      if (!stopped) {
        long elapsedMs = (finished - started) / 1_000_000;
        long delay = Math.max(Math.max(1, settings.interval().toMillis() - elapsedMs), backoffMs);
        entry.timerId = vertx.setTimer(delay, id -> run(entry));
      }
    });
  }

  private static CheckFailure failureOf(CheckResult result, CheckSettings settings) {
    if (Boolean.TRUE.equals(result.getUp())) {
      return null;
    }
    Throwable cause = result.getFailure();
    CheckFailure failure;
    if (cause instanceof CheckFailure known) {
      failure = known;
    } else if (cause != null && "Timeout".equals(cause.getMessage()) && cause.getCause() == null) {
      // The HealthChecks timer fired: the procedure did not answer within its timeout.
      failure = new CheckFailure(FailureKind.TIMEOUT, "timeout");
    } else if (cause != null) {
      failure = Failures.classify(cause);
    } else {
      failure = new CheckFailure(FailureKind.ERROR, "check reported down");
    }
    if (failure.kind() == FailureKind.TIMEOUT && "timeout".equals(failure.reason())) {
      // One wording for a whole-run timeout, whichever layer noticed it first (a node named in a
      // multi-node check's reason stays).
      return new CheckFailure(FailureKind.TIMEOUT, "timeout after " + settings.timeout().toMillis() + " ms");
    }
    return failure;
  }

  private void record(Entry entry, CheckFailure failure, long startedNanos, long finishedNanos, long backoffMs) {
    String name = entry.monitored.check().name();
    CheckSettings settings = entry.monitored.settings();
    CheckState previous = snapshot.checks().get(name);
    boolean ok = failure == null;
    int failures = ok ? 0 : previous.consecutiveFailures() + 1;
    int successes = ok ? previous.consecutiveSuccesses() + 1 : 0;

    CheckState.Reported reported = switch (previous.reported()) {
      case PENDING -> ok ? CheckState.Reported.UP : CheckState.Reported.DOWN;
      case UP -> !ok && failures >= settings.failureThreshold() ? CheckState.Reported.DOWN : CheckState.Reported.UP;
      case DOWN -> ok && successes >= settings.successThreshold() ? CheckState.Reported.UP : CheckState.Reported.DOWN;
    };
    FailureKind kind = null;
    String reason = null;
    if (reported == CheckState.Reported.DOWN) {
      // While recovering (ok, but below the success threshold), keep the reason it went down for.
      kind = ok ? previous.kind() : failure.kind();
      reason = ok ? previous.reason() : failure.reason();
    }
    CheckState current = new CheckState(name, reported, kind, reason,
      (finishedNanos - startedNanos) / 1_000_000, Instant.now(), finishedNanos,
      // While backing off (HTTP 429), the result is expected to age: it is not stale before the next run.
      settings.maxAge().toNanos() + backoffMs * 1_000_000, failures, successes);
    // Listeners (counters, logs) first, then the new state: whoever sees the new state also sees the
    // failure that caused it counted.
    for (MonitorListener listener : listeners) {
      listener.onResult(previous, current, failure);
    }
    snapshot = snapshot.with(current);
    entry.staleNotified = false;
  }
}
