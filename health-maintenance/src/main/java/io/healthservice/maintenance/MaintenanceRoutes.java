package io.healthservice.maintenance;

import io.healthservice.maintenance.impl.AdHocRequest;
import io.healthservice.maintenance.impl.WindowJson;
import io.healthservice.maintenance.impl.WriteAccess;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The maintenance endpoint: {@code GET path} lists the open and upcoming windows (reasons only to callers
 * granted details); {@code POST path} opens an ad hoc window (201 with its id); {@code DELETE path/{id}} ends
 * one (204). Starting and ending need the details token as {@code Authorization: Bearer ...} always, even when
 * details are shown to everybody: seeing is not muting. With no token configured they are refused (403).
 */
public final class MaintenanceRoutes {

  private static final Logger LOG = Logger.getLogger("health.maintenance");

  /** The largest request body read; a window's request is a few hundred bytes. */
  public static final int MAX_BODY_BYTES = 8 * 1024;
  private static final Duration UPCOMING = Duration.ofDays(7);

  private final MaintenanceWindows windows;
  private final WriteAccess access;
  private final Predicate<RoutingContext> detailsGranted;
  private final Predicate<String> knownCheck;

  private MaintenanceRoutes(MaintenanceWindows windows, WriteAccess access, Predicate<RoutingContext> detailsGranted,
                            Predicate<String> knownCheck) {
    this.windows = windows;
    this.access = access;
    this.detailsGranted = detailsGranted;
    this.knownCheck = knownCheck;
  }

  /**
   * @param token          the details token (empty: nobody may start or end a window)
   * @param detailsGranted whether a caller may see reasons: the probes' rule ({@code ProbeRoutes::detailsGranted})
   * @param knownCheck     whether a name is a check of this service (a POST naming another is refused)
   */
  public static MaintenanceRoutes create(MaintenanceWindows windows, Optional<String> token,
                                         Predicate<RoutingContext> detailsGranted, Predicate<String> knownCheck) {
    return new MaintenanceRoutes(Objects.requireNonNull(windows, "windows"), new WriteAccess(token),
      Objects.requireNonNull(detailsGranted, "detailsGranted"), Objects.requireNonNull(knownCheck, "knownCheck"));
  }

  /** Adds the routes on {@code path} (e.g. {@code /health/maintenance}); before a {@code path/:check} route. */
  public void addTo(Router router, String path) {
    router.route(path + "/:id").handler(methods(Set.of(HttpMethod.DELETE), "DELETE, OPTIONS"))
      .handler(this::authorize).handler(this::end);
    router.route(path).handler(methods(Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST),
      "GET, HEAD, POST, OPTIONS")).handler(this::list);
    // Vert.x reads the body first (at most 8 KiB, then 413): an unauthorized caller costs no more than that.
    router.post(path).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)).handler(this::authorize)
      .handler(this::start);
  }

  private void list(RoutingContext ctx) {
    if (ctx.request().method() == HttpMethod.POST) {
      ctx.next();
      return;
    }
    var now = windows.now();
    send(ctx, 200, WindowJson.list(windows.active(now), windows.upcoming(now, UPCOMING), detailsGranted.test(ctx)));
  }

  private void authorize(RoutingContext ctx) {
    switch (access.check(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      case GRANTED -> ctx.next();
      case NO_TOKEN_CONFIGURED -> error(ctx, 403, "forbidden: no details token is configured, so windows cannot be "
        + "started or ended here", null);
      case UNAUTHORIZED -> {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        error(ctx, 401, "unauthorized: send Authorization: Bearer <details token>", null);
      }
    }
  }

  private void start(RoutingContext ctx) {
    AdHocRequest request;
    try {
      request = AdHocRequest.parse(ctx.body().asString(), knownCheck);
    } catch (AdHocRequest.Invalid e) {
      error(ctx, 400, e.getMessage(), e.field);
      return;
    }
    try {
      ActiveWindow window = windows.start(request.checks(), request.duration(), request.name(), request.reason());
      // Who muted what, for how long: an audit line (never the reason, which only details may show, nor the token).
      LOG.info("maintenance window " + window.id() + " (" + window.name() + ") started ad hoc by "
        + ctx.request().remoteAddress() + " for " + (request.checks().isEmpty() ? "every check" : request.checks())
        + " until " + window.end());
      ctx.response().putHeader(HttpHeaders.LOCATION, ctx.request().path() + "/" + window.id());
      send(ctx, 201, WindowJson.render(window, true));
    } catch (IllegalStateException e) {
      error(ctx, 429, e.getMessage(), null);
    } catch (IllegalArgumentException e) {
      error(ctx, 400, e.getMessage(), null);
    }
  }

  private void end(RoutingContext ctx) {
    if (windows.end(ctx.pathParam("id"))) {
      LOG.info("maintenance window " + ctx.pathParam("id") + " ended ad hoc by " + ctx.request().remoteAddress());
      ctx.response().setStatusCode(204).end();
    } else {
      error(ctx, 404, "no open ad hoc window has this id (a configured window ends by its schedule)", null);
    }
  }

  /** OPTIONS answers 200 with {@code Allow}; methods outside {@code allowed} 405. */
  private static Handler<RoutingContext> methods(Set<HttpMethod> allowed, String allow) {
    return ctx -> {
      HttpMethod method = ctx.request().method();
      if (allowed.contains(method)) {
        ctx.next();
        return;
      }
      ctx.response().putHeader(HttpHeaders.ALLOW, allow);
      if (method == HttpMethod.OPTIONS) {
        send(ctx, 200, new JsonObject().put("status", "ok"));
      } else {
        error(ctx, 405, "method not allowed", null);
      }
    };
  }

  private static void error(RoutingContext ctx, int status, String message, String field) {
    JsonObject body = new JsonObject().put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    send(ctx, status, body);
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(body.encode());
  }
}
