package io.healthservice;

import io.healthservice.checks.DependencyCheck;
import io.healthservice.history.HealthHistory;
import io.healthservice.history.HistorySnapshot;
import io.healthservice.http.DetailsVisibility;
import io.healthservice.http.ProbeRoutes;
import io.healthservice.http.ServiceIdentity;
import io.healthservice.monitor.CheckSettings;
import io.healthservice.monitor.DependencyGroup;
import io.healthservice.monitor.EventLoopWatch;
import io.healthservice.monitor.HealthMonitor;
import io.healthservice.monitor.HealthSnapshot;
import io.healthservice.monitor.MonitorClock;
import io.healthservice.monitor.MonitorListener;
import io.healthservice.monitor.MonitoredCheck;
import io.healthservice.monitor.ProcessState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Health checks for a Vert.x application: its dependencies pinged in the background, and probe routes
 * that answer from the latest results without any I/O.
 *
 * <pre>{@code
 * HealthChecker health = HealthChecker.builder(vertx, "ai-chatrooms", "1.4.2")
 *     .check(new DatabaseCheck(vertx, Target.of(databaseUrl), Duration.ofSeconds(2), false),
 *            CheckSettings.of(true, Duration.ofSeconds(5), Duration.ofSeconds(2)))
 *     .build();
 * router.route("/health*").subRouter(health.router());  // /health, /health/live, /ready, /started, /history, /{check}
 * health.probes().addStatusPages(router);               // /status (HTML) and /badge/{check}.svg
 * health.start();                                        // from the verticle that owns the router
 * }</pre>
 *
 * <p>Vert.x's own {@code HealthCheckHandler} works too, over {@link #healthChecks()}; an application that
 * already has a {@link HealthChecks} adds ours to it with {@link #registerInto(HealthChecks)}.
 */
public final class HealthChecker {

  /** An event loop that has not ticked for this long fails liveness. */
  private static final long EVENT_LOOP_LAG_THRESHOLD_MS = 5_000;

  private final Vertx vertx;
  private final HealthMonitor monitor;
  private final ProcessState process;
  private final EventLoopWatch watch;
  private final ProbeRoutes probes;
  private final HealthHistory history;

  private HealthChecker(Vertx vertx, HealthMonitor monitor, EventLoopWatch watch, ProbeRoutes probes, ProcessState process,
                        HealthHistory history) {
    this.vertx = vertx;
    this.history = history;
    this.monitor = monitor;
    this.watch = watch;
    this.probes = probes;
    this.process = process;
  }

  /** @param service and {@code version}: the {@code service} and {@code version} fields of every answer */
  public static Builder builder(Vertx vertx, String service, String version) {
    return new Builder(vertx, service, version);
  }

  /** Starts the background checks, and watches the caller's event loop for liveness. Call from a verticle's start. */
  public Future<Void> start() {
    if (Vertx.currentContext() == null || !Vertx.currentContext().isEventLoopContext()) {
      // The monitor keeps its state on one event loop: started elsewhere, its timers would run on several.
      return Future.failedFuture(new IllegalStateException("start() must be called on an event loop, e.g. in a verticle's start()"));
    }
    watch.watchCurrentLoop(vertx, "application");
    return monitor.start();
  }

  /** Readiness turns 503 for good (liveness stays 200): call first on shutdown, then drain, then {@link #stop()}. */
  public void startDraining() {
    process.startDraining();
  }

  /** Stops the checks and closes their clients. */
  public Future<Void> stop() {
    watch.unwatch("application");
    return monitor.stop();
  }

  /** A new router with the probes, for {@code router.route("/health*").subRouter(health.router())}. */
  public Router router() {
    return probes.router(vertx);
  }

  /** The probe routes, e.g. to add them straight to a router ({@link ProbeRoutes#addTo}). */
  public ProbeRoutes probes() {
    return probes;
  }

  /** Our checks as Vert.x procedures, for {@code HealthCheckHandler.createWithHealthChecks(...)}; no I/O per call. */
  public HealthChecks healthChecks() {
    return monitor.healthChecks();
  }

  /** Adds our procedures to an application's own {@link HealthChecks}; returns it. */
  public HealthChecks registerInto(HealthChecks theirs) {
    return monitor.registerInto(theirs);
  }

  /** Told of every result and state change, in order, on the checks' event loop (e.g. metrics, alerts). */
  public HealthChecker addListener(MonitorListener listener) {
    monitor.addListener(listener);
    return this;
  }

  /** The latest results; never blocks, never does I/O. */
  public HealthSnapshot snapshot() {
    return monitor.snapshot();
  }

  /** The last 24 h of every check, in memory (lost on restart); never blocks. */
  public HistorySnapshot history() {
    return history.snapshot();
  }

  /** The monitor behind the probes, for other views of the same results (health-grpc's {@code GrpcHealth}). */
  public HealthMonitor monitor() {
    return monitor;
  }

  /** Draining and event-loop state, as the probes judge it. */
  public ProcessState process() {
    return process;
  }

  /** Checks and options; safe defaults: details shown to nobody, the system clock. */
  public static final class Builder {

    private final Vertx vertx;
    private final String service;
    private final String version;
    private final List<DependencyGroup> groups = new ArrayList<>();
    private final List<MonitoredCheck> checks = new ArrayList<>();
    private DetailsVisibility visibility = DetailsVisibility.NEVER;
    private Optional<String> token = Optional.empty();
    private MonitorClock clock;

    private Builder(Vertx vertx, String service, String version) {
      this.vertx = Objects.requireNonNull(vertx, "vertx");
      this.service = Objects.requireNonNull(service, "service");
      this.version = Objects.requireNonNull(version, "version");
    }

    /** One dependency, its own entry in {@code dependencies} (named after the check). */
    public Builder check(DependencyCheck check, CheckSettings settings) {
      checks.add(new MonitoredCheck(check, settings));
      groups.add(new DependencyGroup(check.name(), settings.critical(), List.of(check.name())));
      return this;
    }

    /** Several checks shown as one {@code dependencies} entry (e.g. {@code llm_services}), down when any is. */
    public Builder group(String name, CheckSettings settings, List<? extends DependencyCheck> members) {
      List<String> names = new ArrayList<>();
      for (DependencyCheck member : members) {
        checks.add(new MonitoredCheck(member, settings));
        names.add(member.name());
      }
      groups.add(new DependencyGroup(name, settings.critical(), names));
      return this;
    }

    /** Who sees reasons and latencies with {@code ?verbose}: nobody, bearer-token holders, or everyone. */
    public Builder details(DetailsVisibility visibility, Optional<String> token) {
      this.visibility = Objects.requireNonNull(visibility, "visibility");
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Time and timers, for tests; default: the system clock and Vert.x timers. */
    public Builder clock(MonitorClock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public HealthChecker build() {
      MonitorClock time = clock != null ? clock : MonitorClock.of(vertx);
      HealthMonitor monitor = new HealthMonitor(vertx, time, groups, checks);
      HealthHistory history = new HealthHistory(time);
      monitor.addListener(history);
      EventLoopWatch watch = new EventLoopWatch(EVENT_LOOP_LAG_THRESHOLD_MS, time);
      ProcessState process = new ProcessState(watch);
      ProbeRoutes probes = ProbeRoutes.builder(monitor::snapshot, process, new ServiceIdentity(service, version, time.nanoTime()))
        .details(visibility, token)
        .componentTypes(MonitoredCheck.componentTypes(checks))
        .clock(time::nanoTime, time::now)
        .history(history::snapshot)
        .build();
      return new HealthChecker(vertx, monitor, watch, probes, process, history);
    }
  }
}
