package io.healthservice;

import io.healthservice.impl.monitor.HealthMonitor;
import io.healthservice.impl.monitor.ProcessState;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Health checks for a Vert.x application: its dependencies pinged in the background, and probe routes
 * that answer from the latest results without any I/O. The one way to wire them: the standalone service
 * is built with this class too.
 *
 * <pre>{@code
 * HealthChecker health = HealthChecker.builder(vertx, "ai-chatrooms", "1.4.2")
 *     // a built-in kind, from its own module (here health-postgres)
 *     .check(new DatabaseCheck(vertx, "database", Target.of(databaseUrl), false), CheckSettings.of(true, interval, timeout))
 *     .check(DependencyCheck.of("search", () -> search.ping()), CheckSettings.of(false, interval, timeout))
 *     .build();
 * router.route("/health*").subRouter(health.router());  // /health, /health/live, /ready, /started, /{check}
 * health.start();                                        // from the verticle that owns the router
 * }</pre>
 *
 * <p>Vert.x's own {@code HealthCheckHandler} works too, over {@link #healthChecks()}; an application that
 * already has a {@link HealthChecks} adds ours to it with {@link #registerInto(HealthChecks)}.
 */
public final class HealthChecker {

  private final Vertx vertx;
  private final String service;
  private final MonitorClock clock;
  private final HealthMonitor monitor;
  private final ProcessState process;
  private final Readiness readiness;
  private final ProbeRoutes probes;
  /** The listeners {@link HealthCheckerBuilder#attach} made, closed by {@link #stop()}. */
  private final List<AutoCloseable> attached;
  /** The event loop the monitor runs on, once started: a reload is applied there. */
  private volatile Context monitorContext;

  HealthChecker(Vertx vertx, String service, MonitorClock clock, HealthMonitor monitor, ProcessState process,
                ProbeRoutes probes, List<AutoCloseable> attached) {
    this.vertx = vertx;
    this.service = service;
    this.clock = clock;
    this.monitor = monitor;
    this.process = process;
    this.readiness = new Readiness(process);
    this.probes = probes;
    this.attached = attached;
  }

  /** @param service and {@code version}: the {@code service} and {@code version} fields of every answer */
  public static HealthCheckerBuilder builder(Vertx vertx, String service, String version) {
    return new HealthCheckerBuilder(vertx, service, version);
  }

  /**
   * Starts the background checks on the caller's event loop, and watches that loop for liveness. Call
   * from a verticle's start.
   */
  public Future<Void> start() {
    if (Vertx.currentContext() == null || !Vertx.currentContext().isEventLoopContext()) {
      // The monitor keeps its state on one event loop: started elsewhere, its timers would run on several.
      return Future.failedFuture(new IllegalStateException("start() must be called on an event loop, e.g. in a verticle's start()"));
    }
    watchEventLoop("checks");
    monitorContext = Vertx.currentContext();
    return monitor.start();
  }

  /**
   * Replaces the checks by those of {@code next} (its checks and groups; its other options are not used), by
   * name and with the builder's name rules: a check {@code next} holds as the same object with equal settings
   * and group keeps its state, history and connection (no flap); a new or changed one is pending until its
   * first run, which starts at once, and counts neither up nor down until then; one no longer named is
   * stopped and closed, and its entry, routes and metric series are gone. The future completes once the
   * replaced checks are closed. Safe from any thread.
   */
  public Future<Void> replaceChecks(HealthCheckerBuilder next) {
    return onMonitorLoop(() -> monitor.replace(next.groups(), next.checks()));
  }

  /**
   * {@code action} on the monitor's loop, where its deadlines live (at once when already there or not started);
   * whatever it throws fails the future, which otherwise would never complete.
   */
  private Future<Void> onMonitorLoop(Supplier<Future<Void>> action) {
    Context context = monitorContext;
    if (context == null || Vertx.currentContext() == context) {
      return Future.<Void>succeededFuture().compose(v -> action.get());
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> Future.<Void>succeededFuture().compose(ignored -> action.get()).onComplete(done));
    return done.future();
  }

  /** Readiness turns 503 for good (liveness stays 200): call first on shutdown, then drain, then {@link #stop()}. */
  public void startDraining() {
    process.startDraining();
  }

  /** True once {@link #startDraining()} was called. */
  public boolean draining() {
    return process.draining();
  }

  /** Runs {@code listener} once when draining starts (at once if it has), on the thread that starts it. */
  public void onDraining(Runnable listener) {
    process.onDraining(listener);
  }

  /**
   * Liveness also watches the caller's event loop under {@code name} (e.g. each HTTP server's loop): a loop
   * blocked for 5 s fails {@code /health/live}. Call on that loop; undo with {@link #unwatchEventLoop}.
   */
  public void watchEventLoop(String name) {
    process.eventLoops().watchCurrentLoop(vertx, Objects.requireNonNull(name, "name"));
  }

  /** Stops watching the loop called {@code name}. */
  public void unwatchEventLoop(String name) {
    process.eventLoops().unwatch(name);
  }

  /** Stops the checks, closes their clients, then the listeners {@link HealthCheckerBuilder#attach attached}. Safe from any thread. */
  public Future<Void> stop() {
    unwatchEventLoop("checks");
    return onMonitorLoop(monitor::stop).eventually(() -> {
      for (AutoCloseable listener : attached) {
        try {
          listener.close();
        } catch (Exception e) {
          Logger.getLogger("health.checker").log(Level.WARNING, "closing a listener failed", e);
        }
      }
      return Future.succeededFuture();
    });
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

  /** Check runs waiting for a slot under {@link HealthCheckerBuilder#maxRunsInFlight}, now (a gauge). */
  public int runsWaiting() {
    return monitor.runsWaiting();
  }

  /** Check runs that had to wait for a slot since start (a counter): a cap too low for the checks shows here. */
  public long runsDelayed() {
    return monitor.runsDelayed();
  }

  /** The verdict every view renders: live, started, ready, and each dependency's status. */
  public Readiness readiness() {
    return readiness;
  }

  /** The {@code service} of every answer, as given to {@link #builder}. */
  public String service() {
    return service;
  }

  /** The clock everything here judges time by (set with {@link HealthCheckerBuilder#clock}). */
  public MonitorClock clock() {
    return clock;
  }
}
