package io.healthservice.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Objects;

/**
 * {@code GET /metrics}: the Prometheus text format, or OpenMetrics when the scraper asks for it with
 * {@code Accept: application/openmetrics-text}. Reads meters only; never touches a dependency.
 */
final class MetricsEndpoint implements Handler<RoutingContext> {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  private final PrometheusMeterRegistry registry;

  MetricsEndpoint(PrometheusMeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    String contentType = accept != null && accept.contains("application/openmetrics-text")
      ? OPENMETRICS_TEXT
      : PROMETHEUS_TEXT;
    String body = registry.scrape(contentType);
    ctx.response().setStatusCode(200)
      .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
      .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (ctx.request().method() == HttpMethod.HEAD) {
      ctx.response().end();
    } else {
      ctx.response().end(body);
    }
  }
}
