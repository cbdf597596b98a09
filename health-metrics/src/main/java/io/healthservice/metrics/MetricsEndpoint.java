package io.healthservice.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /metrics}: the Prometheus text format, or OpenMetrics when the scraper asks for it with
 * {@code Accept: application/openmetrics-text}. Reads meters only; never touches a dependency.
 */
final class MetricsEndpoint implements Handler<RoutingContext> {

  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS_TEXT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  /** Below this, compressing costs more than it saves. */
  private static final int GZIP_FROM_BYTES = 1024;
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
    boolean gzip = acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
    // Off the event loop: 10,000 checks make megabytes of text, a third of a second that would stall every probe
    // on this loop at each scrape. Ordered: one scrape at a time per HTTP loop, as before, so a scrape storm queues
    // requests rather than holding several copies of megabytes at once on a heap sized for the checks.
    ctx.vertx().executeBlocking(() -> render(contentType, gzip), true).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Buffer bytes = ar.result().bytes();
      ctx.response().setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
      if (ar.result().gzipped()) {
        ctx.response().putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
      }
      if (ctx.request().method() == HttpMethod.HEAD) {
        ctx.response().putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length())).end();
      } else {
        ctx.response().end(bytes);
      }
    });
  }

  private record Rendered(Buffer bytes, boolean gzipped) {
  }

  /** The scrape, compressed when asked and worth it; on a worker thread. */
  private Rendered render(String contentType, boolean gzip) {
    Buffer bytes = Buffer.buffer(registry.scrape(contentType));
    return bytes.length() >= GZIP_FROM_BYTES && gzip ? new Rendered(gzip(bytes), true) : new Rendered(bytes, false);
  }

  /** {@code gzip} among the accepted codings, unless refused with {@code q=0}. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    for (String coding : acceptEncoding.split(",")) {
      String[] parts = coding.trim().split(";");
      if (parts[0].trim().equalsIgnoreCase("gzip")) {
        return parts.length < 2 || !parts[1].replace(" ", "").matches("q=0(\\.0*)?");
      }
    }
    return false;
  }

  private static Buffer gzip(Buffer body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() / 4 + 64);
    try (GZIPOutputStream zip = new GZIPOutputStream(out, 8192)) {
      zip.write(body.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a stream in memory does not fail
    }
    return Buffer.buffer(out.toByteArray());
  }
}
