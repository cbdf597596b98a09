package io.healthservice.lifecycle;

import io.healthservice.http.ProbeRoutes;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** This service's own routes: the probes under {@code /health}, readiness on {@code /}, {@code /metrics} beside them. */
final class ServiceRouter {

  private ServiceRouter() {
  }

  static Router create(Vertx vertx, ProbeRoutes probes, Handler<RoutingContext> metrics) {
    Router router = Router.router(vertx);
    // Straight on this router rather than as a sub-router: the same paths, without a second routing context per probe.
    probes.addTo(router, "/health");
    router.route("/metrics").handler(ProbeRoutes.readOnly(metrics));
    // Load balancers that check "/" (HAProxy's bare "option httpchk") get the readiness answer.
    router.route("/").handler(probes.loadBalancerCheck());
    ProbeRoutes.answerErrorsAsJson(router);
    return router;
  }
}
