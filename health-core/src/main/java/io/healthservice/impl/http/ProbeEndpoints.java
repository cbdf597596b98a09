package io.healthservice.impl.http;

import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.HealthStatus;
import io.healthservice.Readiness;
import io.healthservice.impl.monitor.HealthReport;
import io.vertx.ext.web.RoutingContext;

import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static io.healthservice.impl.http.JsonResponse.send;
import static io.healthservice.impl.http.JsonResponse.sendNegotiated;
import static io.healthservice.impl.http.JsonResponse.statusCode;

/**
 * The probe handlers. Each reads the latest snapshot once, judges it at one instant and renders it:
 * none starts I/O, so each answers in microseconds whatever the dependencies are doing.
 */
public final class ProbeEndpoints {

  private static final String STARTED = "{\"status\":\"ok\"}";
  private static final String STARTING = "{\"status\":\"error\",\"reason\":\"starting\"}";

  private final Supplier<HealthSnapshot> snapshots;
  private final Readiness readiness;
  private final DetailsAccess details;
  private final RenderCache cache;
  private final ReportRenderer renderer;
  private final HealthPlusJson healthJson;
  /** Monotonic time, on the same clock as the snapshot's {@code completedAtNanos}: staleness and uptime. */
  private final LongSupplier nanoTime;
  /** Wall-clock time: the {@code timestamp} field. */
  private final InstantSource wallClock;

  public ProbeEndpoints(Supplier<HealthSnapshot> snapshots, Readiness readiness, DetailsAccess details,
                 ServiceIdentity identity, Map<String, String> componentTypes, LongSupplier nanoTime,
                 InstantSource wallClock) {
    this.snapshots = Objects.requireNonNull(snapshots);
    this.readiness = Objects.requireNonNull(readiness);
    this.details = Objects.requireNonNull(details);
    this.cache = new RenderCache(identity);
    this.renderer = new ReportRenderer(identity);
    this.healthJson = new HealthPlusJson(identity, componentTypes);
    this.nanoTime = Objects.requireNonNull(nanoTime);
    this.wallClock = Objects.requireNonNull(wallClock);
  }

  /** {@code /health}: the aggregate, 503 when a critical dependency is down. */
  public void health(RoutingContext ctx) {
    long now = nanoTime.getAsLong();
    HealthSnapshot snapshot = snapshots.get();
    if (MediaTypes.wantsHealthJson(ctx)) {
      HealthReport report = HealthReport.evaluate(snapshot, now, ProbeQuery.excluded(ctx));
      sendNegotiated(ctx, statusCode(report.status()),
        healthJson.render(report, null, details.granted(ctx), now, wallClock.millis()), true);
      return;
    }
    if (ProbeQuery.plain(ctx)) {
      RenderCache.Rendered rendered = cache.rendered(snapshot, now);
      sendNegotiated(ctx, statusCode(rendered.status()),
        renderer.shortForm(rendered.prefix(), null, now, wallClock.millis()), false);
      return;
    }
    HealthReport report = HealthReport.evaluate(snapshot, now, ProbeQuery.excluded(ctx));
    sendNegotiated(ctx, statusCode(report.status()),
      renderer.summary(report, null, details.granted(ctx), now, wallClock.millis()), false);
  }

  /** {@code /health/ready} (and {@code /} for load balancers): the aggregate's body, readiness's verdict. */
  public void ready(RoutingContext ctx) {
    long now = nanoTime.getAsLong();
    HealthSnapshot snapshot = snapshots.get();
    String notReady = readiness.notReadyReason(snapshot);
    HealthStatus status;
    String body;
    boolean negotiated = MediaTypes.wantsHealthJson(ctx);
    if (negotiated) {
      HealthReport report = HealthReport.evaluate(snapshot, now, ProbeQuery.excluded(ctx));
      status = report.status();
      body = healthJson.render(report, notReady, details.granted(ctx), now, wallClock.millis());
    } else if (ProbeQuery.plain(ctx)) {
      RenderCache.Rendered rendered = cache.rendered(snapshot, now);
      status = rendered.status();
      body = renderer.shortForm(rendered.prefix(), notReady, now, wallClock.millis());
    } else {
      HealthReport report = HealthReport.evaluate(snapshot, now, ProbeQuery.excluded(ctx));
      status = report.status();
      body = renderer.summary(report, notReady, details.granted(ctx), now, wallClock.millis());
    }
    sendNegotiated(ctx, Readiness.ready(notReady, status) ? 200 : 503, body, negotiated);
  }

  /** {@code /health/live}: the process only. */
  public void live(RoutingContext ctx) {
    long now = nanoTime.getAsLong();
    boolean alive = readiness.live(now);
    String body = "{\"status\":\"" + (alive ? "ok" : "error") + "\",\"event_loop_lag_ms\":"
      + readiness.eventLoopLagMs(now) + "}";
    send(ctx, alive ? 200 : 503, body);
  }

  /** {@code /health/started}: 503 until every check has completed one run. */
  public void started(RoutingContext ctx) {
    boolean started = Readiness.started(snapshots.get());
    send(ctx, started ? 200 : 503, started ? STARTED : STARTING);
  }

  /** {@code /health/{check}}: one dependency entry, or one endpoint of a group as an entry of its own. */
  public void check(RoutingContext ctx) {
    String name = ctx.pathParam("check");
    long now = nanoTime.getAsLong();
    HealthSnapshot snapshot = snapshots.get();
    DependencyGroup view = snapshot.entryFor(name).orElse(null);
    if (view == null) {
      JsonResponse.error(ctx, 404, "unknown check");
      return;
    }
    HealthReport.Entry entry = HealthReport.entry(snapshot, view, now, Set.of());
    send(ctx, statusCode(entry.status()), renderer.entry(name, entry, details.granted(ctx), now));
  }
}
