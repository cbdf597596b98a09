package io.healthservice.impl.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Which requests an endpoint answers: GET and HEAD run it, OPTIONS says what is allowed, anything else
 * is 405 with {@code Allow}. Probes carry no body, so a large one is refused instead of read.
 */
public final class MethodPolicy {

  static final String ALLOW = "GET, HEAD, OPTIONS";
  static final long MAX_BODY_BYTES = 64 * 1024;

  private MethodPolicy() {
  }

  public static Handler<RoutingContext> readOnly(Handler<RoutingContext> handler) {
    return ctx -> {
      HttpMethod method = ctx.request().method();
      if (tooLarge(ctx)) {
        // Closing the connection is what spares us reading the body.
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        JsonResponse.error(ctx, 413, "request body too large");
      } else if (method == HttpMethod.GET || method == HttpMethod.HEAD) {
        handler.handle(ctx);
      } else if (method == HttpMethod.OPTIONS) {
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
        JsonResponse.send(ctx, 200, "{\"status\":\"ok\"}");
      } else {
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
        JsonResponse.error(ctx, 405, "method not allowed");
      }
    };
  }

  /**
   * Like {@link #readOnly}, except that OPTIONS runs the handler too: HAProxy's bare "option httpchk"
   * sends {@code OPTIONS /}, and must get the readiness answer to take a not-ready instance out.
   */
  public static Handler<RoutingContext> optionsRunsToo(Handler<RoutingContext> handler) {
    Handler<RoutingContext> readOnly = readOnly(handler);
    return ctx -> {
      if (ctx.request().method() == HttpMethod.OPTIONS) {
        ctx.response().putHeader(HttpHeaders.ALLOW, ALLOW);
        handler.handle(ctx);
      } else {
        readOnly.handle(ctx);
      }
    };
  }

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
}
