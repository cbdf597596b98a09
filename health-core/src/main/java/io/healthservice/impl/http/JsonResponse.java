package io.healthservice.impl.http;

import io.healthservice.HealthStatus;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;

/** How every probe answers: JSON, never cached, and for HEAD the status and headers of GET without the body. */
public final class JsonResponse {

  private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
  private static final CharSequence HEALTH_JSON = HttpHeaders.createOptimized(HealthPlusJson.MEDIA_TYPE);
  private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
  private static final CharSequence ACCEPT = HttpHeaders.createOptimized("Accept");
  /** Content-Length values of HEAD answers, by length. */
  private static final CharSequence[] LENGTHS = new CharSequence[4096];

  private JsonResponse() {
  }

  /** The one mapping of a verdict to an HTTP code: degraded still serves, so only error is 503. */
  static int statusCode(HealthStatus status) {
    return status == HealthStatus.ERROR ? 503 : 200;
  }

  static void send(RoutingContext ctx, int status, String body) {
    send(ctx, status, body, JSON);
  }

  /**
   * A body whose format depends on {@code Accept}: {@code Vary: Accept}, so that a cache in between (a CDN, a
   * reverse proxy) never hands a health+json body to a caller that asked for the seed JSON.
   */
  static void sendNegotiated(RoutingContext ctx, int status, String body, boolean healthJson) {
    ctx.response().putHeader(HttpHeaders.VARY, ACCEPT);
    send(ctx, status, body, healthJson ? HEALTH_JSON : JSON);
  }

  private static void send(RoutingContext ctx, int status, String body, CharSequence contentType) {
    HttpServerResponse response = ctx.response();
    response.setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
      .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
    if (ctx.request().method() == HttpMethod.HEAD) {
      // Same status and headers as GET, no body (RFC 9110 §9.3.2).
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.getBytes(StandardCharsets.UTF_8).length));
      response.end();
    } else {
      response.end(body);
    }
  }

  /**
   * An encoded body (the plain probes, with or without a router): the headers of {@link #sendNegotiated}, from
   * bytes rendered once for many requests. For HEAD the length comes from a table, not a String per request.
   */
  static void sendNegotiated(HttpServerRequest request, int status, Buffer body) {
    HttpServerResponse response = request.response();
    response.putHeader(HttpHeaders.VARY, ACCEPT);
    send(request, response, status, body);
  }

  /** {@link #sendNegotiated(HttpServerRequest, int, Buffer)} without {@code Vary}: a body with one format. */
  static void send(HttpServerRequest request, int status, Buffer body) {
    send(request, request.response(), status, body);
  }

  private static void send(HttpServerRequest request, HttpServerResponse response, int status, Buffer body) {
    response.setStatusCode(status)
      .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
      .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, contentLength(body.length()));
      response.end();
    } else {
      response.end(body);
    }
  }

  private static CharSequence contentLength(int length) {
    if (length >= LENGTHS.length) {
      return Integer.toString(length);
    }
    CharSequence text = LENGTHS[length];
    if (text == null) {
      text = HttpHeaders.createOptimized(Integer.toString(length)); // immutable: a race only makes two
      LENGTHS[length] = text;
    }
    return text;
  }

  public static void error(RoutingContext ctx, int status, String message) {
    send(ctx, status, HealthJson.error(message));
  }

  /**
   * Failures as JSON. A sub-router needs its own: Vert.x 5 does not hand an exception thrown in one (a
   * malformed query) to the parent's handler; it logs it as SEVERE and answers in plain text.
   */
  public static void answerFailures(Router router) {
    router.errorHandler(400, ctx -> error(ctx, 400, "bad request"));
    router.errorHandler(500, ctx -> error(ctx, 500, "internal error"));
  }
}
