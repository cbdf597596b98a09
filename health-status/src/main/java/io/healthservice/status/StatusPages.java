package io.healthservice.status;

import io.healthservice.HealthChecker;
import io.healthservice.ProbeRoutes;
import io.healthservice.status.impl.HealthHistory;
import io.healthservice.status.impl.StatusEndpoints;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;

import java.util.Objects;

/**
 * A {@link HealthChecker}'s checks for people, scripts and READMEs, from 24 hours of history kept in memory:
 * {@code /status} (an HTML page that refreshes itself), {@code /health/history} (the same data as JSON) and
 * {@code /badge/{check}.svg} (a shields-style badge). One call mounts them, before the probes (whose
 * {@code /health/{check}} would otherwise answer {@code /health/history}) and before the checker starts (so the
 * history sees the first run):
 *
 * <pre>{@code
 * HealthChecker health = HealthChecker.builder(vertx, "ai-chatrooms", "1.4.2").check(...).build();
 * StatusPages.mount(router, health);                   // /status, /health/history, /badge/{check}.svg
 * router.route("/health*").subRouter(health.router()); // the probes
 * health.start();
 * }</pre>
 *
 * <p>The history is a listener of the checker, on its clock (a test's fake clock too): per check, a bucket per
 * minute for the last 24 hours and the last 20 state changes, lost on restart unless {@link StatusOptions#store} gives
 * a {@link HistoryStore} (then closed minutes and changes are offered to it, and the page shows the fleet it reads).
 * No view does I/O; the default page and the JSON are rendered at most once a second per audience, a filtered page
 * renders only its rows. Reasons and warnings are shown to the callers the checker's details policy admits, without
 * {@code ?verbose} ({@link ProbeRoutes#detailsVisible}); badges never show them. Every route answers GET and HEAD,
 * OPTIONS with {@code Allow}, other methods 405, as the probes do. The page is described in docs/status-page.md.
 *
 * <p>Thread-safe: one instance may serve the routers of every event loop.
 */
public final class StatusPages {

  private final StatusEndpoints endpoints;
  private final HealthHistory history;
  private final StatusOptions options;

  private StatusPages(StatusEndpoints endpoints, HealthHistory history, StatusOptions options) {
    this.endpoints = endpoints;
    this.history = history;
    this.options = options;
  }

  /** The one call: {@link #create} and {@link #addTo}. */
  public static StatusPages mount(Router router, HealthChecker checker) {
    return create(checker).addTo(router);
  }

  /**
   * Starts keeping {@code checker}'s history (a listener added to it), without routes yet: e.g. once for the
   * routers of several event loops. Call before {@code checker.start()}: runs before it are not in the history.
   */
  public static StatusPages create(HealthChecker checker) {
    return create(checker, StatusOptions.defaults());
  }

  /**
   * As {@link #create(HealthChecker)}, with a history store, maintenance windows and check kinds. The store is
   * not started here: {@code store.start()} is the caller's (its failure only makes the page say so);
   * {@link #close} closes it.
   */
  public static StatusPages create(HealthChecker checker, StatusOptions options) {
    Objects.requireNonNull(checker, "checker");
    Objects.requireNonNull(options, "options");
    HealthHistory history = new HealthHistory(checker.clock(), options.maintenance(), options.store(), options.instance());
    checker.addListener(history);
    ProbeRoutes probes = checker.probes();
    return new StatusPages(new StatusEndpoints(checker::snapshot, history::snapshot, probes::detailsVisible,
      checker.service(), checker.clock(), options), history, options);
  }

  /**
   * Offers the store what it has not seen (the open minutes too), then closes it. Call after
   * {@code checker.stop()}: the history is written on the checker's event loop. Without a store, nothing to do.
   */
  public Future<Void> close() {
    if (options.store().isEmpty()) {
      return Future.succeededFuture();
    }
    history.close();
    return options.store().get().close();
  }

  /**
   * {@code /status}, {@code /badge/{check}.svg} and {@code /health/history} on {@code router}; add them before the
   * probes' routes under {@code /health}.
   */
  public StatusPages addTo(Router router) {
    Objects.requireNonNull(router, "router");
    router.route("/health/history").handler(ProbeRoutes.readOnly(endpoints::json));
    router.route("/status").handler(ProbeRoutes.readOnly(endpoints::page));
    router.route("/badge/:file").handler(ProbeRoutes.readOnly(endpoints::badge));
    return this;
  }
}
