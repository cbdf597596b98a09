package io.healthservice.impl.monitor;

import io.healthservice.CheckContext;
import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.MonitorListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;

/**
 * Runs every check in the background on its own interval and keeps the latest results.
 *
 * <p>The monitor pings each check itself. Its own timer is the one timeout mechanism: whichever comes
 * first, the ping's result or the timer, decides the run. A run starts only after the previous run of the
 * same check has finished (or timed out), so runs never overlap; the run's context learns the verdict
 * ({@link CheckContext#ended()}), so that a check drops a client whose run failed and I/O to a hung or
 * broken server does not pile up. Probes never trigger I/O: they read {@link #snapshot()}, or the
 * procedures of {@link #healthChecks()}, which answer from it.
 *
 * <p>All state changes happen on the event loop of the context that called {@link #start()} (where the
 * clock's timers fire); the snapshot is published through a volatile field and may be read from any thread.
 */
public final class HealthMonitor {

  private final MonitorClock clock;
  private final HealthChecks healthChecks;
  /** Every HealthChecks our procedures are registered in (ours and applications'), to update on a reload. */
  private final List<HealthChecks> procedureTargets = new CopyOnWriteArrayList<>();
  private final Map<String, MonitorEntry> entries = new LinkedHashMap<>();
  private final List<MonitorListener> listeners = new CopyOnWriteArrayList<>();
  private final StateBoard board;
  private final RunCycle runs;
  private final int maxInFlight;
  /** Each check's health+json componentType, replaced whole on a reload; read by the probes' threads. */
  private volatile Map<String, String> componentTypes;
  /** The checks of critical groups: at scale, the start waits for their first runs only. */
  private Set<String> critical;
  private boolean stopped;
  private boolean started;


  /**
   * @param vertx  only for the {@link HealthChecks} object; time and timers come from {@code clock}
   * @param groups how checks are grouped into {@code dependencies} entries; every check of
   *               {@code checks} must belong to exactly one group
   */
  public HealthMonitor(Vertx vertx, MonitorClock clock, List<DependencyGroup> groups, List<MonitoredCheck> checks) {
    this(vertx, clock, groups, checks, Pacing.DEFAULT_MAX_IN_FLIGHT, new SplittableRandom());
  }

  /**
   * @param maxInFlight runs in flight at once (more wait); the rest of the pacing follows the number of checks
   * @param random      the phases and jitter of runs (a seeded one in tests)
   */
  public HealthMonitor(Vertx vertx, MonitorClock clock, List<DependencyGroup> groups, List<MonitoredCheck> checks,
                       int maxInFlight, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock);
    this.maxInFlight = maxInFlight;
    Pacing pacing = Pacing.forChecks(checks.size(), maxInFlight);
    Map<String, CheckState> initial = new LinkedHashMap<>();
    Map<String, MonitoredCheck> byName = CheckLayout.byName(checks);
    this.critical = CheckLayout.critical(groups);
    CheckLayout.procedures(groups, byName).forEach((name, procedure) -> {
      MonitoredCheck monitored = byName.get(name);
      entries.put(name, new MonitorEntry(monitored, procedure));
      initial.put(name, CheckState.pending(name, monitored.settings().maxAge().toNanos()));
    });
    Set<String> awaited = pacing.spread() ? critical : initial.keySet(); // what the start waits for
    this.board = new StateBoard(clock, listeners, groups, initial, awaited, pacing.publishTickMs());
    this.runs = new RunCycle(clock, board, listeners, pacing, random);
    this.componentTypes = MonitoredCheck.componentTypes(checks);
    this.healthChecks = registerInto(HealthChecks.create(Objects.requireNonNull(vertx)));
  }

  public HealthMonitor addListener(MonitorListener listener) {
    listeners.add(new GuardedListener(Objects.requireNonNull(listener)));
    return this;
  }

  /** The clock the monitor judges time by; views should judge the snapshot by the same one. */
  public MonitorClock clock() {
    return clock;
  }

  /**
   * The checks as Vert.x procedures, answering from the latest results (see {@link #registerInto}), for
   * Vert.x's stock handler: {@code router.get("/health/checks").handler(
   * HealthCheckHandler.createWithHealthChecks(monitor.healthChecks()))}.
   */
  public HealthChecks healthChecks() {
    return healthChecks;
  }

  /**
   * Registers one procedure per check ({@code database}, {@code redis}, {@code llm_services/<endpoint>})
   * into an application's own {@link HealthChecks}, so that the {@code HealthCheckHandler} it already
   * mounts reports our dependencies too. Each procedure completes at once from the latest snapshot: no I/O
   * per request, so that handler never waits for a hung dependency and never answers 500 for one. A check
   * that is down shows only its kind ({@code {"kind": "timeout"}}), never the reason text, which our routes
   * show only to authorised callers. That handler answers 503 when any check is down: it has no
   * "degraded", so a non-critical check (an LLM endpoint) counts there like a critical one.
   */
  public HealthChecks registerInto(HealthChecks target) {
    entries.values().forEach(e -> SnapshotProcedures.register(target, e.procedure, e.monitored.check().name(), this));
    procedureTargets.add(target);
    return target;
  }

  /** The health+json {@code componentType} of the check called {@code name}; {@code component} when unknown. */
  public String componentType(String name) {
    return componentTypes.getOrDefault(name, "component");
  }

  /** The latest results; never blocks, never does I/O. */
  public HealthSnapshot snapshot() {
    return board.snapshot();
  }

  /**
   * Runs every check at once (past {@link Pacing#SCALE} checks, the non-critical ones at a random phase of their first
   * interval), then on its interval. Call on the event loop the monitor should own.
   */
  public Future<Void> start() {
    started = true;
    entries.values().forEach(this::runFirst);
    return Future.succeededFuture();
  }

  /** How runs are paced now (it follows the number of checks across reloads). */
  public Pacing pacing() {
    return runs.pacing();
  }

  /** Runs waiting for a slot under the cap on runs in flight, now. */
  public int runsWaiting() {
    return runs.gate().waiting();
  }

  /** Runs that waited for a slot, since start: a cap that is too low for the checks shows here. */
  public long runsDelayed() {
    return runs.gate().delayed();
  }

  /**
   * Replaces the checks by {@code checks} grouped as {@code groups}, by name. A check whose object, settings
   * and group stay the same keeps its state, history and client; any other is new: pending until its first
   * run, which starts at once. A check no longer named is stopped and closed, its state dropped, and
   * listeners told ({@link MonitorListener#onRemoved}). Call on the monitor's event loop; the future
   * completes when the replaced checks are closed.
   */
  public Future<Void> replace(List<DependencyGroup> groups, List<MonitoredCheck> checks) {
    CheckLayout.Plan plan = CheckLayout.plan(entries, board.states(), groups, checks);
    List<Future<Void>> closing = new ArrayList<>();
    plan.retired().forEach(old -> {
      retire(old);
      if (!plan.reused().contains(old.monitored.check())) {
        closing.add(old.monitored.close());
      }
    });
    List<String> removed = entries.keySet().stream().filter(name -> !plan.entries().containsKey(name)).toList();
    entries.clear();
    entries.putAll(plan.entries());
    Pacing pacing = Pacing.forChecks(checks.size(), maxInFlight);
    runs.repace(pacing);
    critical = CheckLayout.critical(groups);
    board.reconfigure(groups, plan.states(), pacing.publishTickMs());
    componentTypes = MonitoredCheck.componentTypes(checks);
    procedureTargets.forEach(target -> plan.fresh().forEach(e -> SnapshotProcedures.register(target, e.procedure,
      e.monitored.check().name(), this)));
    removed.forEach(name -> listeners.forEach(listener -> listener.onRemoved(name)));
    if (started && !stopped) {
      plan.fresh().forEach(this::runFirst);
    }
    return Future.join(closing).mapEmpty();
  }

  private void runFirst(MonitorEntry entry) {
    runs.runFirst(entry, critical.contains(entry.monitored.check().name()));
  }

  /** Cancels an entry's deadlines and its procedures; a run in flight finishes unheard. */
  private void retire(MonitorEntry entry) {
    entry.retired = true;
    runs.cancel(entry);
    procedureTargets.forEach(target -> target.unregister(entry.procedure));
  }

  /** Stops scheduling and closes every check's client. */
  public Future<Void> stop() {
    stopped = true;
    runs.stop();
    board.flush();
    List<Future<Void>> closing = new ArrayList<>();
    for (MonitorEntry entry : entries.values()) {
      runs.cancel(entry);
      closing.add(entry.monitored.close());
    }
    return Future.join(closing).mapEmpty();
  }
}
