package io.healthservice.lifecycle;

import io.healthservice.HealthChecker;
import io.healthservice.ProbeRoutes;
import io.healthservice.maintenance.MaintenanceRoutes;
import io.healthservice.metrics.HealthMetrics;
import io.healthservice.status.StatusPages;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * This service's own routes: the probes under {@code /health}, Vert.x's stock handler on {@code /health/checks},
 * readiness on {@code /}, {@code /metrics}, the status pages and {@code /health/maintenance} beside them.
 */
final class ServiceRouter {

  private ServiceRouter() {
  }

  static Router create(Vertx vertx, HealthChecker checker, HealthMetrics metrics, StatusPages status,
                       MaintenanceRoutes maintenance) {
    Router router = Router.router(vertx);
    ProbeRoutes probes = checker.probes();
    // Vert.x's stock handler over procedures that answer from the latest results: the design card's
    // HealthCheckHandler, with no I/O per request. Before the probes: "/health/:check" would take it.
    router.route("/health/checks").handler(ProbeRoutes.readOnly(HealthCheckHandler.createWithHealthChecks(checker.healthChecks())));
    // health-status: /health/history (before the probes too), /status and /badge/{check}.svg.
    status.addTo(router);
    // Maintenance windows (list, start, end): before the probes too, for the same reason.
    maintenance.addTo(router, "/health/maintenance");
    // Straight on this router rather than as a sub-router: the same paths, without a second routing context per probe.
    probes.addTo(router, "/health");
    metrics.addTo(router); // /metrics
    // Load balancers that check "/" (HAProxy's bare "option httpchk") get the readiness answer.
    router.route("/").handler(probes.loadBalancerCheck());
    ProbeRoutes.answerErrorsAsJson(router);
    return router;
  }
}
