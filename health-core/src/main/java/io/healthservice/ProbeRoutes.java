package io.healthservice;

import io.healthservice.impl.http.DetailsAccess;
import io.healthservice.impl.http.JsonResponse;
import io.healthservice.impl.http.MethodPolicy;
import io.healthservice.impl.http.PlainProbes;
import io.healthservice.impl.http.ProbeEndpoints;
import io.healthservice.impl.http.ServiceIdentity;
import io.healthservice.impl.monitor.ProcessState;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The health probes as a Vert.x {@link Router}, to mount under {@code /health}. Built by
 * {@link HealthCheckerBuilder} (details visibility, clock), obtained from {@link HealthChecker#probes()}:
 *
 * <pre>{@code
 * HealthChecker health = HealthChecker.builder(vertx, "app", "1.0")
 *     .details(DetailsVisibility.WHEN_AUTHORIZED, Optional.of(token))
 *     ...
 *     .build();
 * router.route("/health*").subRouter(health.router());   // or: health.probes().addTo(router, "/health");
 * vertx.createHttpServer().requestHandler(health.probes().fastPath("/health", router)).listen(8080);
 * }</pre>
 *
 * <p>Under the mount point: {@code /health} (the aggregate: 200 ok or degraded, 503 error),
 * {@code /health/live}, {@code /health/ready}, {@code /health/started} and {@code /health/{check}}, each
 * answering GET, HEAD and OPTIONS; {@code ?exclude=a,b} leaves checks out, {@code ?verbose} adds details
 * for callers allowed to see them. {@code /health} and {@code /health/ready} answer in
 * {@code application/health+json} (draft-inadarei-api-health-check) to callers that ask for it by {@code Accept}
 * or {@code ?format=health+json}. Paths under the mount point that match none of these fall through to
 * the application's own routes. Every handler renders the latest snapshot and none starts I/O, so a probe
 * answers in microseconds whatever the dependencies are doing.
 *
 * <p>{@link #fastPath} puts the plain probes in front of the router: a probe storm (every kubelet, load
 * balancer and uptime checker) then costs about what a bare Vert.x server answering a fixed body costs, with
 * no routing context per request; the router still answers everything else the same way.
 *
 * <p>Thread-safe: one instance may serve the routers of every event loop.
 */
public final class ProbeRoutes {

  private final ProbeEndpoints endpoints;
  private final DetailsAccess details;

  private ProbeRoutes(ProbeEndpoints endpoints, DetailsAccess details) {
    this.endpoints = endpoints;
    this.details = details;
  }

  /**
   * @param snapshots the monitor's latest snapshot, read on every probe (e.g. {@code monitor::snapshot})
   * @param process   draining and event-loop state, for readiness and liveness
   * @param identity  service name, version and start time, written in every aggregate body
   */
  static Builder builder(Supplier<HealthSnapshot> snapshots, ProcessState process, ServiceIdentity identity) {
    return new Builder(snapshots, process, identity);
  }

  /** A new router with the probes, for {@code router.route("/health*").subRouter(...)}. One per event loop is fine. */
  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    addRoutes(router, "");
    // Its own: Vert.x does not hand an exception thrown in a sub-router to the parent's error handlers.
    JsonResponse.answerFailures(router);
    return router;
  }

  /**
   * The same routes added straight to {@code router} under {@code prefix} (e.g. {@code "/health"}), for a
   * router that serves mostly probes: a sub-router costs a routing context of its own on every request
   * (about 500 bytes), which the probes' hot path otherwise avoids. Failures go to {@code router}'s handlers.
   */
  public void addTo(Router router, String prefix) {
    addRoutes(router, checkPrefix(prefix));
  }

  /**
   * The server's request handler for an application that mounts these routes under {@code prefix} on
   * {@code next} (its router): {@code server.requestHandler(probes.fastPath("/health", router))}.
   *
   * <p>It answers GET and HEAD of exactly {@code prefix}, {@code prefix/ready} and {@code prefix/live}, with
   * no query string, no request body and no {@code health+json} in {@code Accept} (what kubelets and load
   * balancers send), straight from the request: the same status, headers ({@code Vary: Accept},
   * {@code Cache-Control: no-store}) and body as the routes, judged at the moment of the request, from
   * bytes encoded once per state change and per millisecond. Everything else, including {@code ?exclude},
   * {@code ?verbose}, health+json, OPTIONS, other methods (405) and unknown paths, goes to {@code next}.
   */
  public Handler<HttpServerRequest> fastPath(String prefix, Handler<HttpServerRequest> next) {
    return new PlainProbes(endpoints, checkPrefix(prefix), Objects.requireNonNull(next, "next"));
  }

  private static String checkPrefix(String prefix) {
    if (!prefix.startsWith("/") || prefix.endsWith("/")) {
      throw new IllegalArgumentException("prefix must start and must not end with '/': " + prefix);
    }
    return prefix;
  }

  private void addRoutes(Router router, String prefix) {
    // Most specific first: "/:check" would otherwise swallow the named probes.
    router.route(prefix + "/live").handler(MethodPolicy.readOnly(endpoints::live));
    router.route(prefix + "/ready").handler(MethodPolicy.readOnly(endpoints::ready));
    router.route(prefix + "/started").handler(MethodPolicy.readOnly(endpoints::started));
    router.route(prefix.isEmpty() ? "/" : prefix).handler(MethodPolicy.readOnly(endpoints::health));
    router.route(prefix + "/:check").handler(MethodPolicy.readOnly(endpoints::check));
  }

  /**
   * Whether {@code ctx} may see per-check details (reasons, latencies): it asks with {@code ?verbose} and the
   * checker's details policy ({@link HealthCheckerBuilder#details}) admits its caller. The probes' own rule, for
   * machine-facing views beside them; pages for people use {@link #detailsVisible}.
   */
  public boolean detailsGranted(RoutingContext ctx) {
    return details.granted(ctx);
  }

  /**
   * Whether the checker's details policy admits {@code ctx}'s caller, without {@code ?verbose}: {@code ALWAYS}
   * yes, {@code WHEN_AUTHORIZED} with the bearer token, {@code NEVER} no. For views meant for people (the
   * status page shows reasons and warnings to whoever may see them); the probes keep requiring {@code ?verbose}.
   */
  public boolean detailsVisible(RoutingContext ctx) {
    return details.visible(ctx);
  }

  /**
   * The readiness answer for a load balancer's check on a path of the application's choice (this service:
   * {@code /}). Unlike {@code /health/ready}, OPTIONS gets it too: HAProxy's bare {@code option httpchk}
   * sends {@code OPTIONS /} and must see 503 to take a not-ready instance out.
   */
  public Handler<RoutingContext> loadBalancerCheck() {
    return MethodPolicy.optionsRunsToo(endpoints::ready);
  }

  /**
   * {@code endpoint} behind the probes' request policy: GET and HEAD reach it, OPTIONS answers 200,
   * other methods 405 with {@code Allow}, bodies over 64 KiB 413. For siblings of the probes such as
   * {@code /metrics}.
   */
  public static Handler<RoutingContext> readOnly(Handler<RoutingContext> endpoint) {
    return MethodPolicy.readOnly(Objects.requireNonNull(endpoint));
  }

  /**
   * Makes {@code router} answer like the probes when nothing matches (404) or a request fails (400, 500):
   * a small JSON body such as {@code {"error":"not found"}}, never a stack trace.
   */
  public static void answerErrorsAsJson(Router router) {
    router.route().last().handler(ctx -> JsonResponse.error(ctx, 404, "not found"));
    JsonResponse.answerFailures(router);
  }

  /** Options with safe defaults: details shown to nobody, the system clock. Only {@link HealthCheckerBuilder} uses it. */
  static final class Builder {

    private final Supplier<HealthSnapshot> snapshots;
    private final ProcessState process;
    private final ServiceIdentity identity;
    private DetailsVisibility visibility = DetailsVisibility.NEVER;
    private Optional<String> token = Optional.empty();
    private java.util.function.Function<String, String> componentTypes = check -> "component";
    private LongSupplier nanoTime = System::nanoTime;
    private InstantSource wallClock = InstantSource.system();

    private Builder(Supplier<HealthSnapshot> snapshots, ProcessState process, ServiceIdentity identity) {
      this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
      this.process = Objects.requireNonNull(process, "process");
      this.identity = Objects.requireNonNull(identity, "identity");
    }

    /**
     * Who sees per-check details with {@code ?verbose}; with {@link DetailsVisibility#WHEN_AUTHORIZED},
     * callers sending {@code Authorization: Bearer <token>} (nobody when {@code token} is empty).
     */
    public Builder details(DetailsVisibility visibility, Optional<String> token) {
      this.visibility = Objects.requireNonNull(visibility, "visibility");
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * The clocks the probes read. {@code nanoTime} must be the monitor's monotonic clock (the snapshot's
     * {@code completedAtNanos} and the identity's {@code startedNanos} are on it); {@code wallClock} gives
     * the {@code timestamp} field. Defaults: {@link System#nanoTime()} and {@link InstantSource#system()}.
     */
    public Builder clock(LongSupplier nanoTime, InstantSource wallClock) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
      return this;
    }

    /**
     * The {@code componentType} of each check in {@code application/health+json} answers, by check name (see
     * {@link io.healthservice.DependencyCheck#componentType()}), read per answer so a reload's checks show.
     */
    public Builder componentTypes(java.util.function.Function<String, String> typeOfCheck) {
      this.componentTypes = Objects.requireNonNull(typeOfCheck, "typeOfCheck");
      return this;
    }

    public ProbeRoutes build() {
      DetailsAccess access = new DetailsAccess(visibility, token);
      return new ProbeRoutes(new ProbeEndpoints(snapshots, new Readiness(process), access, identity, componentTypes,
        nanoTime, wallClock), access);
    }
  }
}
