package io.healthservice.lifecycle;

import io.healthservice.HealthChecker;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.config.HealthConfig;
import io.healthservice.config.ServiceConfig;
import io.healthservice.grpc.GrpcHealth;
import io.healthservice.metrics.HealthMetrics;
import io.healthservice.status.StatusPages;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/**
 * A standalone process around one {@link HealthChecker}: config → the checker's builder → the checker,
 * then what only a process needs (the HTTP and gRPC server verticles, connection guard, metrics registry),
 * taken down in the reverse order.
 */
public final class HealthService {

  private static final Logger LOG = Logger.getLogger("health.service");

  private final Vertx vertx;
  private final HealthChecker checker;
  private final HealthMetrics metrics;
  private final HealthConfig config;
  private final String version;
  private final PrometheusMeterRegistry registry;
  private ConfigReload reload;
  private long watchTimer = -1;
  private final StatusPages status;
  private String monitorDeployment;
  private String httpDeployment;
  private String grpcDeployment;

  private HealthService(Vertx vertx, HealthChecker checker, HealthMetrics metrics, StatusPages status, HealthConfig config,
                        String version, PrometheusMeterRegistry registry) {
    this.config = config;
    this.version = version;
    this.registry = registry;
    this.vertx = vertx;
    this.checker = checker;
    this.metrics = metrics;
    this.status = status;
  }

  /** Starts the checks and the HTTP servers. Dependencies that are down do not fail the start. */
  public static Future<HealthService> start(Vertx vertx, ServiceConfig config, BuildInfo build,
                                            PrometheusMeterRegistry registry) {
    // The same wiring as an embedding application's (HealthConfig.checkerBuilder), plus the notification
    // counters this process exports.
    NotificationMetrics deliveries = new NotificationMetrics(registry, config.notifications().channels());
    HealthConfig healthConfig = HealthConfig.of(config);
    HealthCheckerBuilder builder = healthConfig.checkerBuilder(vertx, build.version(), deliveries);
    HealthChecker checker = builder.build();
    HeapSizing.warnIfShort(checker.snapshot().checks().size(), Runtime.getRuntime().maxMemory());
    // The checker's meters now; the JVM's and the route once the checks run (serve).
    HealthMetrics metrics = HealthMetrics.create(checker, registry, config.serviceName(), build.version(),
      config.scale().checkHistograms());
    // The history behind /status, /health/history and the badges, before the checks start: it sees the first run.
    StatusPages status = StatusWiring.create(vertx, checker, config, healthConfig.maintenance(vertx)::windowFor, registry);
    HealthService service = new HealthService(vertx, checker, metrics, status, healthConfig, build.version(), registry);
    // The checks start first: ready needs their first results, and the HTTP side (routes, gRPC, JVM
    // meters: a few hundred classes) is built on this thread while the first pings are in flight.
    Future<String> monitorDeployed = vertx.deployVerticle(new MonitorVerticle(checker));
    try {
      return service.serve(config, build, monitorDeployed);
    } catch (RuntimeException e) {
      // Building the HTTP side failed: the checks already started (and the notifier) must not outlive it.
      return monitorDeployed.transform(ar -> {
        service.monitorDeployment = ar.result();
        return service.stop();
      }).transform(ignored -> Future.failedFuture(e));
    }
  }

  /** Builds the HTTP side (and gRPC) and deploys it once the checks run. */
  private Future<HealthService> serve(ServiceConfig config, BuildInfo build, Future<String> monitorDeployed) {
    boolean grpcOnHttpPort = config.grpc().port().isEmpty();
    HttpServerOptions http = ServerOptions.http(config.http(), grpcOnHttpPort);
    ConnectionGuard guard = new ConnectionGuard(vertx, config.http().limits());
    GrpcHealth grpc = GrpcHealth.create(vertx, checker, config.grpc().maxWatchStreams());
    int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
    int[] index = {0};
    metrics.bindJvmMetrics();
    return monitorDeployed
      .compose(id -> {
        monitorDeployment = id;
        return vertx.deployVerticle(
          () -> new HttpVerticle(v -> {
            Router routes = ServiceRouter.create(v, checker, metrics, status, this.config.maintenanceRoutes(v, checker));
            // The plain probes first: a probe storm never reaches the gRPC check or the router.
            return checker.probes().fastPath("/health", grpcOnHttpPort ? grpc.beside(routes) : routes);
          }, http, checker, guard, index[0]++),
          new DeploymentOptions().setInstances(instances));
      })
      .compose(id -> {
        httpDeployment = id;
        if (grpcOnHttpPort) {
          return Future.succeededFuture(id);
        }
        // gRPC only on its own port (anything else: 415), with its own connection budget; the HTTP port
        // then stays HTTP/1.1 only, where the guard sees every connection from its first byte.
        HttpServerOptions grpcOnly = new HttpServerOptions(http).setPort(config.grpc().port().getAsInt())
          .setHttp2ClearTextEnabled(true);
        ConnectionGuard grpcGuard = new ConnectionGuard(vertx, config.http().limits());
        return vertx.deployVerticle(() -> new HttpVerticle(v -> grpc.handler(), grpcOnly, checker, grpcGuard, index[0]++),
            new DeploymentOptions().setInstances(instances))
          .onSuccess(grpcId -> grpcDeployment = grpcId);
      })
      .map(id -> {
        LOG.info("listening on " + config.http().host() + ":" + config.http().port()
          + " service=" + config.serviceName() + " version=" + build.version() + " http_instances=" + instances
          + " grpc_port=" + (grpcOnHttpPort ? config.http().port() : config.grpc().port().getAsInt())
          + " grpc_max_watch_streams=" + config.grpc().maxWatchStreams());
        return this;
      })
      .recover(error -> stop().transform(ignored -> Future.failedFuture(error)));
  }

  /**
   * Reload without a restart from now on: {@link #reload(String)} (SIGHUP) and a change of the configuration
   * file, polled every {@code watchMillis} (a Kubernetes ConfigMap update swaps a symlink: the file's
   * content is compared, not the event). {@code env} is what the configuration was read with.
   */
  public synchronized void enableReload(Map<String, String> env, long watchMillis) {
    if (reload == null) {
      reload = new ConfigReload(vertx, checker, version, config, env, registry);
      ConfigWatch.file(env).ifPresent(file -> watchTimer = new ConfigWatch(Path.of(file)).start(vertx, watchMillis,
        () -> reload.request("file change: " + file)));
    }
  }

  /** Re-reads the configuration and applies it live; {@code trigger} is named in the log. No-op before {@link #enableReload}. */
  public synchronized void reload(String trigger) {
    if (reload != null) {
      reload.request(trigger);
    }
  }

  /** The checker this process serves. */
  public HealthChecker checker() {
    return checker;
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
    vertx.cancelTimer(watchTimer);
    return stopServing()
      .eventually(() -> {
        String id = monitorDeployment;
        monitorDeployment = null;
        return id == null ? Future.succeededFuture() : vertx.undeploy(id);
      })
      // After the checks: the open minutes are offered, then the store writes what it holds (bounded) and closes.
      .eventually(status::close)
      .eventually(() -> {
        config.maintenance(vertx).close(); // its timer
        metrics.close();
        return Future.succeededFuture();
      });
  }
}
