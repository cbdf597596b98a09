package io.healthservice.config;

import io.healthservice.HealthChecker;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.MonitorClock;
import io.healthservice.maintenance.MaintenanceRoutes;
import io.healthservice.maintenance.MaintenanceWindows;
import io.healthservice.notify.MaintenanceLookup;
import io.healthservice.notify.Notifications;
import io.healthservice.notify.NotifyStats;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import io.healthservice.DependencyCheck;
import io.healthservice.spi.CheckDefinition;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The service's configuration file for an application that embeds the library: the same YAML, the same
 * environment variables on top, the same validation, the same checks.
 *
 * <pre>{@code
 * HealthConfig.read(vertx)                       // conf/config.yaml or $HEALTH_CONFIG, env on top
 *   .map(config -> config.checkerBuilder(vertx, "1.4.2").build())
 *   .onSuccess(checker -> ...);                  // a ConfigException names the key when the file is wrong
 * }</pre>
 *
 * Only what concerns checks is applied ({@code service.name}, {@code checks}, {@code details},
 * {@code notifications}); {@code http}, {@code grpc} and {@code shutdown} belong to the standalone process and
 * are validated but left to the application.
 */
public final class HealthConfig {

  private static final Logger LOG = Logger.getLogger("health.service");

  private final ServiceConfig settings;
  /** The checks each definition was built into by this configuration's builders, for a later reload to reuse. */
  private final Map<CheckDefinition, List<DependencyCheck>> built = new java.util.concurrent.ConcurrentHashMap<>();
  /** This configuration's maintenance windows, made with the first builder (one set per process). */
  private MaintenanceWindows maintenance;

  private HealthConfig(ServiceConfig settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** {@code conf/config.yaml} (may be missing: every setting has a default) or the file {@code $HEALTH_CONFIG} names. */
  public static Future<HealthConfig> read(Vertx vertx) {
    return ConfigReader.read(vertx, System.getenv()).map(HealthConfig::new);
  }

  /** {@code file} (must exist), with the process's environment variables on top. */
  public static Future<HealthConfig> read(Vertx vertx, Path file) {
    return read(vertx, file, System.getenv());
  }

  /** {@code file} (must exist), with {@code env} on top instead of the process's environment. */
  static Future<HealthConfig> read(Vertx vertx, Path file, Map<String, String> env) {
    return ConfigReader.read(vertx, file, env).map(HealthConfig::new);
  }

  /** An already validated configuration (the service's own {@link ConfigReader} result). */
  public static HealthConfig of(ServiceConfig settings) {
    return new HealthConfig(settings);
  }

  /** Every validated setting, the process's too. */
  public ServiceConfig settings() {
    return settings;
  }

  /**
   * A builder named after {@code service.name}, with the details policy, every enabled check and the
   * notification channels of the file; add listeners, a clock or checks of your own, then {@code build()}.
   */
  public HealthCheckerBuilder checkerBuilder(Vertx vertx, String version) {
    return checkerBuilder(vertx, version, NotifyStats.NONE);
  }

  /** As {@link #checkerBuilder(Vertx, String)}, with deliveries counted by {@code stats} (metrics). */
  public HealthCheckerBuilder checkerBuilder(Vertx vertx, String version, NotifyStats stats) {
    HealthCheckerBuilder builder = HealthChecker.builder(vertx, settings.serviceName(), version)
      .details(settings.details().visibility(), settings.details().token())
      .maxRunsInFlight(settings.scale().maxRunsInFlight());
    DefinedChecks.register(builder, vertx, settings.checks(), "health-service/" + version, Map.of(), built);
    NotificationOptions notifications = settings.notifications();
    MaintenanceWindows windows = maintenance(vertx);
    MaintenanceLookup held = windows::windowFor;
    if (!notifications.channels().isEmpty()) {
      builder.attach(Notifications.webhooks(vertx, settings.serviceName(), notifications.settings(),
        notifications.channels(), stats, held));
      LOG.info("notifications channels=" + notifications);
    }
    notifications.alertmanager().ifPresent(am -> {
      // The link in every alert: this replica's status page, unless status_url names a better one (an ingress).
      builder.attach(Notifications.alertmanager(vertx, settings.serviceName(), am.statusUrl() != null ? am
        : am.withStatusUrl("http://" + am.instance() + ":" + settings.http().port() + "/status"), held));
      LOG.info("notifications " + am);
    });
    return builder;
  }

  /**
   * The maintenance windows of {@code maintenance.windows} plus those started ad hoc: the one set the
   * notifications of {@link #checkerBuilder} hold messages by, the endpoint's, and the status page's
   * ({@code windows::windowFor} is a {@code MaintenanceView}). Made on first use, on Vert.x's clock.
   */
  public synchronized MaintenanceWindows maintenance(Vertx vertx) {
    if (maintenance == null) {
      maintenance = MaintenanceWindows.create(MonitorClock.of(vertx), settings.maintenance());
      if (!settings.maintenance().isEmpty()) {
        LOG.info("maintenance windows=" + settings.maintenance().stream().map(w -> w.name()).toList());
      }
    }
    return maintenance;
  }

  /**
   * The endpoint over {@link #maintenance}: {@code GET} for everybody (reasons as the details policy allows),
   * {@code POST}/{@code DELETE} only with the details token; mount it before the probes' {@code /health/:check}.
   */
  public MaintenanceRoutes maintenanceRoutes(Vertx vertx, HealthChecker checker) {
    return MaintenanceRoutes.create(maintenance(vertx), settings.details().token(), checker.probes()::detailsGranted,
      check -> checker.snapshot().checks().containsKey(check));
  }

  /**
   * The checks of this configuration for {@link HealthChecker#replaceChecks} (a reload), into a builder of
   * their own: an entry whose definition is unchanged since {@code previous} (equal: same kind, target and
   * settings) reuses the checks {@code previous} built, so it keeps its state, history and connection; any
   * other is built anew (no I/O yet). This configuration shares {@code previous}'s running maintenance windows;
   * once {@code replaceChecks} succeeded, {@link #applyMaintenanceWindows} gives them this file's.
   */
  public HealthCheckerBuilder reloadBuilder(Vertx vertx, String version, HealthConfig previous) {
    HealthCheckerBuilder builder = HealthChecker.builder(vertx, settings.serviceName(), version);
    MaintenanceWindows running = previous.maintenance(vertx);
    synchronized (this) {
      maintenance = running;
    }
    return DefinedChecks.register(builder, vertx, settings.checks(), "health-service/" + version, previous.built, built);
  }

  /**
   * A reload succeeded: the running windows (the notifiers and the endpoint hold them) take this file's configured
   * ones; ad hoc ones stay. Not before: a reload that fails changes nothing.
   */
  public synchronized void applyMaintenanceWindows() {
    if (maintenance != null) {
      maintenance.replaceConfigured(settings.maintenance());
    }
  }

  /** Only the file's checks, into a builder of the application's own (its name, details and channels). */
  public HealthCheckerBuilder registerChecks(Vertx vertx, HealthCheckerBuilder builder) {
    return DefinedChecks.register(builder, vertx, settings.checks(), "health-service", Map.of(), built);
  }
}
