package io.healthservice.impl.http;

import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.HealthStatus;
import io.healthservice.Readiness;
import io.healthservice.impl.monitor.HealthReport;
import io.vertx.ext.web.RoutingContext;

import java.time.InstantSource;
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
  private final PlainAnswers plainAnswers;
  private final ReportRenderer renderer;
  private final HealthPlusJson healthJson;
  /** Monotonic time, on the same clock as the snapshot's {@code completedAtNanos}: staleness and uptime. */
  private final LongSupplier nanoTime;
  /** Wall-clock time: the {@code timestamp} field. */
  private final InstantSource wallClock;

  public ProbeEndpoints(Supplier<HealthSnapshot> snapshots, Readiness readiness, DetailsAccess details,
                 ServiceIdentity identity, java.util.function.Function<String, String> componentTypes, LongSupplier nanoTime,
                 InstantSource wallClock) {
    this.snapshots = Objects.requireNonNull(snapshots);
    this.readiness = Objects.requireNonNull(readiness);
    this.details = Objects.requireNonNull(details);
    this.plainAnswers = new PlainAnswers(snapshots, readiness, new RenderCache(identity), identity.startedNanos(),
      nanoTime, wallClock);
    this.renderer = new ReportRenderer(identity);
    this.healthJson = new HealthPlusJson(identity, componentTypes);
    this.nanoTime = Objects.requireNonNull(nanoTime);
    this.wallClock = Objects.requireNonNull(wallClock);
  }

  /** {@code /health}: the aggregate, 503 when a critical dependency is down. */
  public void health(RoutingContext ctx) {
    boolean negotiated = MediaTypes.wantsHealthJson(ctx);
    if (!negotiated && ProbeQuery.plain(ctx)) {
      TimedBodies.Body plain = plainAnswers.health();
      sendNegotiated(ctx.request(), plain.status(), plain.bytes());
      return;
    }
    long now = nanoTime.getAsLong();
    HealthReport report = HealthReport.evaluate(snapshots.get(), now, ProbeQuery.excluded(ctx));
    String body = negotiated ? healthJson.render(report, null, details.granted(ctx), now, wallClock.millis())
      : renderer.summary(report, null, details.granted(ctx), now, wallClock.millis());
    sendNegotiated(ctx, statusCode(report.status()), body, negotiated);
  }

  /** {@code /health/ready} (and {@code /} for load balancers): the aggregate's body, readiness's verdict. */
  public void ready(RoutingContext ctx) {
    boolean negotiated = MediaTypes.wantsHealthJson(ctx);
    if (!negotiated && ProbeQuery.plain(ctx)) {
      TimedBodies.Body plain = plainAnswers.ready();
      sendNegotiated(ctx.request(), plain.status(), plain.bytes());
      return;
    }
    long now = nanoTime.getAsLong();
    HealthSnapshot snapshot = snapshots.get();
    String notReady = readiness.notReadyReason(snapshot);
    HealthReport report = HealthReport.evaluate(snapshot, now, ProbeQuery.excluded(ctx));
    String body = negotiated ? healthJson.render(report, notReady, details.granted(ctx), now, wallClock.millis())
      : renderer.summary(report, notReady, details.granted(ctx), now, wallClock.millis());
    sendNegotiated(ctx, Readiness.ready(notReady, report.status()) ? 200 : 503, body, negotiated);
  }

  /** {@code /health/live}: the process only. */
  public void live(RoutingContext ctx) {
    TimedBodies.Body plain = plainAnswers.live();
    JsonResponse.send(ctx.request(), plain.status(), plain.bytes());
  }

  /** The plain probes' answers, for the path in front of a router ({@link PlainProbes}). */
  PlainAnswers plain() {
    return plainAnswers;
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
