package io.healthservice.lifecycle;

import io.healthservice.config.ServiceConfig;
import io.healthservice.history.HealthHistory;
import io.healthservice.grpc.GrpcHealth;
import io.healthservice.http.ProbeRoutes;
import io.healthservice.http.ServiceIdentity;
import io.healthservice.metrics.HealthMetrics;
import io.healthservice.metrics.MetricsEndpoint;
import io.healthservice.metrics.NotificationMetrics;
import io.healthservice.notify.Notifier;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.healthservice.monitor.EventLoopWatch;
import io.healthservice.monitor.HealthMonitor;
import io.healthservice.monitor.MonitorClock;
import io.healthservice.monitor.MonitoredCheck;
import io.healthservice.monitor.ProcessState;
import io.healthservice.monitor.TransitionLog;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.util.List;
import java.util.logging.Logger;

/**
 * Wires config → checks → monitor → routes → HTTP servers, and takes them down in the reverse order.
 */
public final class HealthService {

  private static final Logger LOG = Logger.getLogger("health.service");
  /** An event loop that has not ticked for this long fails liveness. */
  static final long EVENT_LOOP_LAG_THRESHOLD_MS = 5_000;

  private final Vertx vertx;
  private final HealthMonitor monitor;
  private final ProcessState process;
  private final HealthMetrics metrics;
  private Notifier notifier;
  private String monitorDeployment;
  private String httpDeployment;
  private String grpcDeployment;

  private HealthService(Vertx vertx, HealthMonitor monitor, ProcessState process, HealthMetrics metrics) {
    this.vertx = vertx;
    this.monitor = monitor;
    this.process = process;
    this.metrics = metrics;
  }

  /** Starts the monitor and the HTTP servers. Dependencies that are down do not fail the start. */
  public static Future<HealthService> start(Vertx vertx, ServiceConfig config, BuildInfo build,
                                            PrometheusMeterRegistry registry) {
    MonitorClock clock = MonitorClock.of(vertx);
    long startedNanos = clock.nanoTime();
    ServiceChecks wiring = ServiceChecks.of(vertx, config, build);
    List<MonitoredCheck> checks = wiring.checks();
    HealthMonitor monitor = new HealthMonitor(vertx, clock, wiring.groups(), checks).addListener(new TransitionLog(clock));
    HealthMetrics metrics = new HealthMetrics(registry, monitor, config.serviceName(), build.version());
    monitor.addListener(metrics);
    HealthHistory history = new HealthHistory(clock); // /status, /health/history, badges; in memory only
    monitor.addListener(history);
    EventLoopWatch watch = new EventLoopWatch(EVENT_LOOP_LAG_THRESHOLD_MS, clock);
    ProcessState process = new ProcessState(watch);
    HealthService service = new HealthService(vertx, monitor, process, metrics);
    if (!config.notifications().channels().isEmpty()) {
      // Registered before the monitor starts, so a dependency down at start is notified too.
      service.notifier = Notifier.create(vertx, monitor.snapshot(), config.serviceName(),
        config.notifications().settings(), config.notifications().channels(),
        new NotificationMetrics(registry, config.notifications().channels()));
      monitor.addListener(service.notifier);
      LOG.info("notifications channels=" + config.notifications());
    }
    ProbeRoutes probes = ProbeRoutes.builder(monitor::snapshot, process,
        new ServiceIdentity(config.serviceName(), build.version(), startedNanos))
      .details(config.details().visibility(), config.details().token())
      .componentTypes(MonitoredCheck.componentTypes(checks))
      .clock(clock::nanoTime, clock::now)
      .history(history::snapshot)
      .build();
    // The checks start first: ready needs their first results, and the HTTP side (routes, gRPC, JVM
    // meters: a few hundred classes) is built on this thread while the first pings are in flight.
    Future<String> monitorDeployed = vertx.deployVerticle(new MonitorVerticle(monitor, watch));
    try {
      return serve(vertx, config, build, registry, service, probes, monitorDeployed);
    } catch (RuntimeException e) {
      // Building the HTTP side failed: the checks already started (and the notifier) must not outlive it.
      return monitorDeployed.transform(ar -> {
        service.monitorDeployment = ar.result();
        return service.stop();
      }).transform(ignored -> Future.failedFuture(e));
    }
  }

  /** Builds the HTTP side (and gRPC) and deploys it once the monitor runs. */
  private static Future<HealthService> serve(Vertx vertx, ServiceConfig config, BuildInfo build,
                                             PrometheusMeterRegistry registry, HealthService service,
                                             ProbeRoutes probes, Future<String> monitorDeployed) {
    HealthMonitor monitor = service.monitor;
    ProcessState process = service.process;
    EventLoopWatch watch = process.eventLoops();
    MetricsEndpoint metricsEndpoint = new MetricsEndpoint(registry);

    boolean grpcOnHttpPort = config.grpc().port().isEmpty();
    HttpServerOptions http = ServerOptions.http(config.http(), grpcOnHttpPort);
    ConnectionGuard guard = new ConnectionGuard(vertx, config.http().limits());
    GrpcHealth grpc = GrpcHealth.create(vertx, monitor, process, config.grpc().maxWatchStreams());
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    int[] index = {0};
    service.metrics.bindJvmMetrics();
    return monitorDeployed
      .compose(id -> {
        service.monitorDeployment = id;
        return vertx.deployVerticle(
          () -> new HttpVerticle(v -> {
            Router routes = ServiceRouter.create(v, probes, monitor.healthChecks(), metricsEndpoint);
            return grpcOnHttpPort ? grpc.beside(routes) : routes;
          }, http, watch, guard, index[0]++),
          new DeploymentOptions().setInstances(instances));
      })
      .compose(id -> {
        service.httpDeployment = id;
        if (grpcOnHttpPort) {
          return Future.succeededFuture(id);
        }
        // gRPC only on its own port (anything else: 415), with its own connection budget; the HTTP port
        // then stays HTTP/1.1 only, where the guard sees every connection from its first byte.
        HttpServerOptions grpcOnly = new HttpServerOptions(http).setPort(config.grpc().port().getAsInt())
          .setHttp2ClearTextEnabled(true);
        ConnectionGuard grpcGuard = new ConnectionGuard(vertx, config.http().limits());
        return vertx.deployVerticle(() -> new HttpVerticle(v -> grpc.handler(), grpcOnly, watch, grpcGuard, index[0]++),
            new DeploymentOptions().setInstances(instances))
          .onSuccess(grpcId -> service.grpcDeployment = grpcId);
      })
      .map(id -> {
        LOG.info("listening on " + config.http().host() + ":" + config.http().port()
          + " service=" + config.serviceName() + " version=" + build.version() + " http_instances=" + instances
          + " grpc_port=" + (grpcOnHttpPort ? config.http().port() : config.grpc().port().getAsInt())
          + " grpc_max_watch_streams=" + config.grpc().maxWatchStreams());
        return service;
      })
      .recover(error -> service.stop().transform(ignored -> Future.failedFuture(error)));
  }

  public HealthMonitor monitor() {
    return monitor;
  }

  public ProcessState process() {
    return process;
  }

  /** Closes the HTTP servers: no new connections; requests already in flight finish. */
  public Future<Void> stopServing() {
    String id = httpDeployment;
    String grpcId = grpcDeployment;
    httpDeployment = null;
    grpcDeployment = null;
    return Future.join(id == null ? Future.succeededFuture() : vertx.undeploy(id),
      grpcId == null ? Future.succeededFuture() : vertx.undeploy(grpcId)).mapEmpty();
  }

  /** Stops serving, stops the checks and closes every client. */
  public Future<Void> stop() {
    return stopServing()
      .eventually(() -> {
        String id = monitorDeployment;
        monitorDeployment = null;
        return id == null ? Future.succeededFuture() : vertx.undeploy(id);
      })
      .eventually(() -> {
        if (notifier != null) {
          notifier.close();
        }
        metrics.close();
        return Future.succeededFuture();
      });
  }
}
