package io.healthservice.status.impl;

import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.Readiness;
import io.healthservice.status.StatusOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code /status}, {@code /health/history} and {@code /badge/{check}.svg}: the latest snapshot and the
 * in-memory history rendered for people, scripts and READMEs. Like the probes, no I/O per view; reasons
 * only for callers granted details.
 */
public final class StatusEndpoints {

  private static final Pattern BADGE = Pattern.compile("([A-Za-z0-9_.-]{1,64})\\.svg");
  /** The probes' answer to an unknown name (their {@code /health/{check}} says the same). */
  private static final String UNKNOWN_CHECK = "{\"error\":\"unknown check\"}";
  /**
   * Past this many checks {@code /health/history} leaves the minutes and periods out ({@code ?check=} gives one
   * check's): an hour of minutes and a day of periods are about 26 KB per check, so 5,000 checks' would be 130 MB
   * rendered on an event loop.
   */
  static final int MINUTES_IN_BODY_UP_TO = 100;

  private final Supplier<HealthSnapshot> snapshots;
  private final Supplier<HistorySnapshot> history;
  private final Predicate<RoutingContext> details;
  private final MonitorClock clock;
  private final StatusOptions options;
  // One rendering per inputs and second for each audience (slot 0 without details, 1 with), shared by every
  // event loop (a race only renders twice): a storm of views costs one render a second, not one per request.
  private final AtomicReferenceArray<Rendered> pages = new AtomicReferenceArray<>(2);
  private final AtomicReferenceArray<Rendered> jsons = new AtomicReferenceArray<>(2);
  private final View pageView;
  private final View jsonView;
  private final String service;

  /** A body and what it was rendered from. */
  private record Rendered(long second, Buffer body) {

    /**
     * Within the second it was rendered in, whatever changed since: with thousands of checks the snapshot changes
     * every tick, and a storm of views must still cost one render a second.
     */
    boolean matches(long second) {
      return this.second == second;
    }
  }

  /** Renders a view from the rows of every check. */
  @FunctionalInterface
  private interface View {
    String render(HealthSnapshot snapshot, List<StatusRow> rows, PageQuery query, boolean details, HistorySource source,
                  long nowNanos, Instant now);
  }

  /**
   * @param details whether a request may see reasons and warnings (the checker's details policy without
   *                {@code ?verbose}, {@code ProbeRoutes.detailsVisible})
   * @param service the name the page and the JSON carry
   * @param clock   the checker's clock: its snapshots' times are on it
   * @param options the store, maintenance windows and kinds the rows are judged with
   */
  public StatusEndpoints(Supplier<HealthSnapshot> snapshots, Supplier<HistorySnapshot> history,
                         Predicate<RoutingContext> details, String service, MonitorClock clock, StatusOptions options) {
    this.snapshots = Objects.requireNonNull(snapshots);
    this.history = Objects.requireNonNull(history);
    this.details = Objects.requireNonNull(details);
    this.clock = Objects.requireNonNull(clock);
    this.options = Objects.requireNonNull(options);
    Objects.requireNonNull(service);
    this.pageView = (snapshot, rows, query, granted, source, nowNanos, now) -> StatusPage.render(service,
      Readiness.status(snapshot, nowNanos), rows, query, granted, source.line(), now);
    this.jsonView = (snapshot, rows, query, granted, source, nowNanos, now) -> HistoryJson.render(service, rows, granted,
      source, now, rows.size() <= MINUTES_IN_BODY_UP_TO);
    this.service = service;
  }

  /**
   * The page for people: always 200 (it is not a probe), refreshing itself every 10 s. The default view is cached
   * (a storm of views costs a render a second); a filtered or later page renders per request, only its rows.
   */
  public void page(RoutingContext ctx) {
    PageQuery query = PageQuery.of(ctx);
    Buffer body = query.isDefault() ? rendered(ctx, pages, pageView) : fresh(ctx, query);
    HttpServerResponse response = ctx.response()
      .putHeader("Content-Security-Policy", StatusPage.CONTENT_SECURITY_POLICY)
      .putHeader("X-Content-Type-Options", "nosniff")
      .putHeader("Referrer-Policy", "no-referrer")
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    send(ctx, response, 200, "text/html; charset=utf-8", body);
  }

  /**
   * The same data as JSON (encoded once a second: a day of three checks is about 80 KB); with more than
   * {@value #MINUTES_IN_BODY_UP_TO} checks without the minutes and periods, which {@code ?check=<name>} gives for one check.
   */
  public void json(RoutingContext ctx) {
    String check = ctx.request().getParam("check");
    Buffer body = check == null ? rendered(ctx, jsons, jsonView) : one(ctx, check);
    int status = body == null ? 404 : 200;
    send(ctx, ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"), status, "application/json",
      body == null ? Buffer.buffer(UNKNOWN_CHECK) : body);
  }

  /** One check's history with its minutes and periods, or null when there is no such check. */
  private Buffer one(RoutingContext ctx, String check) {
    HealthSnapshot snapshot = snapshots.get();
    DependencyGroup group = snapshot.groups().stream().filter(g -> g.checks().contains(check)).findFirst().orElse(null);
    if (group == null) {
      return null;
    }
    Instant now = clock.now();
    HistorySource source = HistorySource.of(options.store());
    RowContext context = new RowContext(clock.nanoTime(), now, options.maintenance(), options.kinds(), source.fleet());
    StatusRow row = StatusRow.of(group, snapshot.checks().get(check), history.get().check(check), context);
    return Buffer.buffer(HistoryJson.render(service, List.of(row), details.test(ctx), source, now, true));
  }

  /** The cached body for this caller's audience, rendered anew each second (the page refreshes every ten). */
  private Buffer rendered(RoutingContext ctx, AtomicReferenceArray<Rendered> cache, View view) {
    Instant now = clock.now();
    HealthSnapshot snapshot = snapshots.get();
    HistorySnapshot past = history.get();
    boolean granted = details.test(ctx);
    int slot = granted ? 1 : 0;
    Rendered cached = cache.get(slot);
    if (cached == null || !cached.matches(now.getEpochSecond())) {
      cached = new Rendered(now.getEpochSecond(), render(view, snapshot, past, PageQuery.DEFAULT, granted));
      cache.set(slot, cached);
    }
    return cached.body();
  }

  private Buffer fresh(RoutingContext ctx, PageQuery query) {
    return render(pageView, snapshots.get(), history.get(), query, details.test(ctx));
  }

  private Buffer render(View view, HealthSnapshot snapshot, HistorySnapshot past, PageQuery query, boolean granted) {
    long nowNanos = clock.nanoTime();
    Instant now = clock.now();
    HistorySource source = HistorySource.of(options.store());
    RowContext context = new RowContext(nowNanos, now, options.maintenance(), options.kinds(), source.fleet());
    List<StatusRow> rows = StatusRow.all(snapshot, past, context);
    return Buffer.buffer(view.render(snapshot, rows, query, granted, source, nowNanos, now));
  }

  /** A shields-style badge: state and 24 h uptime, cacheable for a minute (README embeds go through proxies). */
  public void badge(RoutingContext ctx) {
    var matcher = BADGE.matcher(ctx.pathParam("file"));
    if (!matcher.matches()) {
      send(ctx, ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"), 404, "application/json",
        Buffer.buffer(UNKNOWN_CHECK));
      return;
    }
    String name = matcher.group(1);
    RowContext context = new RowContext(clock.nanoTime(), clock.now(), options.maintenance(), options.kinds(),
      HistorySource.of(options.store()).fleet());
    HealthSnapshot snapshot = snapshots.get();
    HistorySnapshot past = history.get();
    DependencyGroup group = snapshot.entryFor(name).orElse(null);
    if (group == null) {
      send(ctx, ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"), 404, "application/json",
        Buffer.buffer(UNKNOWN_CHECK));
      return;
    }
    List<StatusRow> rows = group.checks().stream()
      .map(m -> StatusRow.of(group, snapshot.checks().get(m), past.check(m), context)).toList();
    String svg = Badge.render(name, rows);
    String etag = "\"" + Integer.toHexString(svg.hashCode()) + "\"";
    HttpServerResponse response = ctx.response()
      .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60, stale-while-revalidate=60")
      .putHeader(HttpHeaders.ETAG, etag)
      .putHeader("Content-Security-Policy", "default-src 'none'")
      .putHeader("X-Content-Type-Options", "nosniff");
    if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
      response.setStatusCode(304).end();
      return;
    }
    send(ctx, response, 200, "image/svg+xml; charset=utf-8", Buffer.buffer(svg));
  }

  private static void send(RoutingContext ctx, HttpServerResponse response, int status, String type, Buffer body) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, type);
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
      response.end();
    } else {
      response.end(body);
    }
  }
}
