package io.healthservice.http;

import io.healthservice.monitor.CheckState;
import io.healthservice.monitor.DependencyGroup;
import io.healthservice.monitor.HealthMonitor;
import io.healthservice.monitor.HealthReport;
import io.healthservice.monitor.HealthSnapshot;
import io.healthservice.monitor.HealthStatus;
import io.healthservice.monitor.ProcessState;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The probe endpoints. Every handler reads the monitor's latest snapshot and renders it: no handler
 * starts I/O, so each answers in microseconds whatever the dependencies are doing.
 */
public final class HealthRoutes {

  static final String ALLOW = "GET, HEAD, OPTIONS";
  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");

  private final HealthMonitor monitor;
  private final ProcessState process;
  private final ServiceIdentity identity;
  private final DetailsVisibility visibility;
  private final byte[] tokenDigest;
  private final Handler<RoutingContext> metrics;

  public HealthRoutes(HealthMonitor monitor, ProcessState process, ServiceIdentity identity,
                      DetailsVisibility visibility, Optional<String> detailsToken, Handler<RoutingContext> metrics) {
    this.monitor = Objects.requireNonNull(monitor);
    this.process = Objects.requireNonNull(process);
    this.identity = Objects.requireNonNull(identity);
    this.visibility = Objects.requireNonNull(visibility);
    this.tokenDigest = detailsToken.map(HealthRoutes::sha256).orElse(null);
    this.metrics = Objects.requireNonNull(metrics);
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    // Most specific first: "/health/:check" would otherwise swallow the named probes.
    router.route("/health/live").handler(probe(this::live));
    router.route("/health/ready").handler(probe(this::ready));
    router.route("/health/started").handler(probe(this::started));
    router.route("/health").handler(probe(this::health));
    router.route("/health/:check").handler(probe(this::single));
    router.route("/metrics").handler(probe(metrics));
    // HAProxy's bare "option httpchk" sends OPTIONS /: on "/" every allowed method, OPTIONS included,
    // gets the readiness answer, so a bare check takes the instance out when it is not ready.
    Handler<RoutingContext> ready = probe(this::ready);
    router.route("/").handler(ctx -> {
      if (ctx.request().method() == HttpMethod.OPTIONS) {
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
        this.ready(ctx);
      } else {
        ready.handle(ctx);
      }
    });
    router.route().last().handler(ctx -> send(ctx, 404, HealthJson.error("not found")));
    router.errorHandler(400, ctx -> send(ctx, 400, HealthJson.error("bad request")));
    router.errorHandler(500, ctx -> send(ctx, 500, HealthJson.error("internal error")));
    return router;
  }

  /** GET and HEAD run the probe; OPTIONS answers 200; anything else is 405 with {@code Allow}. */
  private static Handler<RoutingContext> probe(Handler<RoutingContext> handler) {
    return ctx -> {
      HttpMethod method = ctx.request().method();
      if (tooLarge(ctx)) {
        // Probes carry no body; a large one is refused instead of read, and the connection closed.
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        send(ctx, 413, HealthJson.error("request body too large"));
      } else if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
        handler.handle(ctx);
      } else if (method == HttpMethod.OPTIONS) {
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
        send(ctx, 200, "{\"status\":\"ok\"}");
      } else {
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
        send(ctx, 405, HealthJson.error("method not allowed"));
      }
    };
  }

  static final long MAX_BODY_BYTES = 64 * 1024;

  private static boolean tooLarge(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null) {
      return false;
    }
    try {
      return Long.parseLong(length.trim()) > MAX_BODY_BYTES;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private void health(RoutingContext ctx) {
    long now = System.nanoTime();
    if (plain(ctx)) {
      Rendered rendered = rendered(monitor.snapshot(), now);
      send(ctx, rendered.status().httpStatus(), withTimes(rendered.prefix(), null, now));
      return;
    }
    HealthReport report = HealthReport.evaluate(monitor.snapshot(), now, excluded(ctx));
    send(ctx, report.status().httpStatus(), render(ctx, report, null, now));
  }

  private void ready(RoutingContext ctx) {
    long now = System.nanoTime();
    HealthSnapshot snapshot = monitor.snapshot();
    String notReady = process.draining() ? "draining" : !snapshot.started() ? "starting" : null;
    HealthStatus status;
    String body;
    if (plain(ctx)) {
      Rendered rendered = rendered(snapshot, now);
      status = rendered.status();
      body = withTimes(rendered.prefix(), notReady, now);
    } else {
      HealthReport report = HealthReport.evaluate(snapshot, now, excluded(ctx));
      status = report.status();
      body = render(ctx, report, notReady, now);
    }
    // Non-critical failures (degraded) keep the instance in rotation.
    boolean ready = notReady == null && status != HealthStatus.ERROR;
    send(ctx, ready ? 200 : 503, body);
  }

  // ---- the hot path: the short form is rendered once per state change, not once per probe ----

  /** The report-dependent part of the short form, valid for one snapshot until a result goes stale. */
  private record Rendered(HealthSnapshot snapshot, long validUntilNanos, HealthStatus status, String prefix) {
  }

  private volatile Rendered lastRendered;

  private Rendered rendered(HealthSnapshot snapshot, long now) {
    Rendered cached = lastRendered;
    if (cached != null && cached.snapshot() == snapshot && now - cached.validUntilNanos() < 0) {
      return cached;
    }
    HealthReport report = HealthReport.evaluate(snapshot, now);
    Rendered fresh = new Rendered(snapshot, nextStaleness(snapshot, now), report.status(),
      HealthJson.summaryPrefix(report, identity));
    lastRendered = fresh;
    return fresh;
  }

  /** When the first result that is fresh now will turn stale: the rendering must be redone by then. */
  private static long nextStaleness(HealthSnapshot snapshot, long now) {
    long until = now + 60_000_000_000L;
    for (CheckState state : snapshot.checks().values()) {
      if (!state.isStale(now)) {
        long staleAt = state.completedAtNanos() + state.maxAgeNanos();
        if (staleAt - until < 0) {
          until = staleAt;
        }
      }
    }
    return until;
  }

  private String withTimes(String prefix, String notReady, long now) {
    StringBuilder json = new StringBuilder(prefix.length() + 80).append(prefix);
    HealthJson.appendTimes(json, identity, now, System.currentTimeMillis());
    if (notReady != null) {
      json.append(",\"reason\":\"").append(notReady).append('"');
    }
    return json.append('}').toString();
  }

  /** No query parameters that change the body: the cached rendering applies. */
  private static boolean plain(RoutingContext ctx) {
    String query = ctx.request().query();
    return query == null || query.isEmpty();
  }

  private void live(RoutingContext ctx) {
    long now = System.nanoTime();
    // Liveness never looks at dependencies: a database outage must not restart every pod.
    boolean alive = process.eventLoops().healthy(now);
    String body = "{\"status\":\"" + (alive ? "ok" : "error") + "\",\"event_loop_lag_ms\":"
      + process.eventLoops().maxLagMs(now) + "}";
    send(ctx, alive ? 200 : 503, body);
  }

  private void started(RoutingContext ctx) {
    boolean started = monitor.snapshot().started();
    send(ctx, started ? 200 : 503, started ? "{\"status\":\"ok\"}" : "{\"status\":\"error\",\"reason\":\"starting\"}");
  }

  private void single(RoutingContext ctx) {
    String name = ctx.pathParam("check");
    long now = System.nanoTime();
    HealthSnapshot snapshot = monitor.snapshot();
    for (DependencyGroup group : snapshot.groups()) {
      // A dependency entry by its name, or one LLM endpoint of a group as an entry of its own.
      DependencyGroup view = group.name().equals(name) ? group
        : !group.isSingleCheck() && group.checks().contains(name) ? new DependencyGroup(name, group.critical(), List.of(name))
        : null;
      if (view != null) {
        HealthReport.Entry entry = HealthReport.entry(snapshot, view, now, Set.of());
        send(ctx, entry.status().httpStatus(), renderEntry(ctx, name, entry, now));
        return;
      }
    }
    send(ctx, 404, HealthJson.error("unknown check"));
  }

  // ---- rendering ----

  private String render(RoutingContext ctx, HealthReport report, String notReady, long now) {
    boolean details = detailsAllowed(ctx);
    String summary = HealthJson.summary(report, identity, now, System.currentTimeMillis());
    if (notReady == null && !details) {
      return summary;
    }
    StringBuilder json = new StringBuilder(summary.length() + 512).append(summary, 0, summary.length() - 1);
    if (notReady != null) {
      json.append(",\"reason\":\"").append(notReady).append('"');
    }
    if (details) {
      json.append(",\"details\":");
      details(json, report.dependencies(), now);
    }
    return json.append('}').toString();
  }

  private String renderEntry(RoutingContext ctx, String name, HealthReport.Entry entry, long now) {
    StringBuilder json = new StringBuilder(128).append("{\"status\":\"").append(entry.status().text())
      .append("\",\"check\":");
    HealthJson.string(json, name);
    if (detailsAllowed(ctx)) {
      json.append(",\"details\":");
      details(json, List.of(entry), now);
    }
    return json.append('}').toString();
  }

  private static void details(StringBuilder json, List<HealthReport.Entry> entries, long now) {
    json.append('{');
    boolean first = true;
    for (HealthReport.Entry entry : entries) {
      if (!first) {
        json.append(',');
      }
      first = false;
      HealthJson.string(json, entry.group().name());
      json.append(':');
      DependencyGroup group = entry.group();
      if (group.isSingleCheck()) {
        HealthJson.check(json, entry.checks().get(0), group.critical(), now);
      } else {
        json.append("{\"status\":\"").append(entry.status().text()).append("\",\"endpoints\":{");
        boolean firstCheck = true;
        for (CheckState state : entry.checks()) {
          if (!firstCheck) {
            json.append(',');
          }
          firstCheck = false;
          HealthJson.string(json, state.name());
          json.append(':');
          HealthJson.check(json, state, group.critical(), now);
        }
        json.append("}}");
      }
    }
    json.append('}');
  }

  // ---- request parsing ----

  private static Set<String> excluded(RoutingContext ctx) {
    List<String> values = ctx.queryParam("exclude");
    if (values.isEmpty()) {
      return Set.of();
    }
    Set<String> names = new HashSet<>();
    for (String value : values) {
      // Accept ?exclude=a&exclude=b and ?exclude=a,b
      for (String name : value.split(",")) {
        names.add(name.trim());
      }
    }
    return names;
  }

  /** {@code ?verbose} shows details only when the config allows it for this caller. */
  private boolean detailsAllowed(RoutingContext ctx) {
    MultiMap query = ctx.queryParams();
    if (!query.contains("verbose")) {
      return false;
    }
    String flag = query.get("verbose");
    if ("false".equalsIgnoreCase(flag) || "0".equals(flag)) {
      return false;
    }
    return switch (visibility) {
      case NEVER -> false;
      case ALWAYS -> true;
      case WHEN_AUTHORIZED -> authorized(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    };
  }

  private boolean authorized(String header) {
    if (tokenDigest == null || header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    // Digests have a fixed length, so the comparison takes the same time whatever the caller sent.
    return MessageDigest.isEqual(tokenDigest, sha256(header.substring(7).trim()));
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }

  private static void send(RoutingContext ctx, int status, String body) {
    HttpServerResponse response = ctx.response();
    response.setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
      .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
    if (ctx.request().method() == HttpMethod.HEAD) {
      // Same status and headers as GET, no body (RFC 9110 §9.3.2).
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
      response.end();
    } else {
      response.end(body);
    }
  }
}
