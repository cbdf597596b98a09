package io.healthservice.impl.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.Objects;

/**
 * The probe storm's path: GET or HEAD of exactly {@code /health}, {@code /health/ready} or {@code /health/live}
 * (no query string, no body, no health+json in {@code Accept}) answered straight from the request with
 * pre-encoded bytes. No routing context, no query or header parsing beyond three lookups. Every other
 * request goes to {@code next}, whose probe routes answer it as before; this path writes the same status,
 * headers and body they would.
 */
public final class PlainProbes implements Handler<HttpServerRequest> {

  private final PlainAnswers answers;
  private final String health;
  private final String ready;
  private final String live;
  private final Handler<HttpServerRequest> next;

  public PlainProbes(ProbeEndpoints endpoints, String prefix, Handler<HttpServerRequest> next) {
    this.answers = endpoints.plain();
    this.health = prefix;
    this.ready = prefix + "/ready";
    this.live = prefix + "/live";
    this.next = Objects.requireNonNull(next, "next");
  }

  @Override
  public void handle(HttpServerRequest request) {
    HttpMethod method = request.method();
    if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && plain(request.headers())) {
      // The raw request target: a query string or an absolute form makes it differ, and the router decides.
      String uri = request.uri();
      if (uri.equals(health)) {
        TimedBodies.Body body = answers.health();
        JsonResponse.sendNegotiated(request, body.status(), body.bytes());
        return;
      }
      if (uri.equals(ready)) {
        TimedBodies.Body body = answers.ready();
        JsonResponse.sendNegotiated(request, body.status(), body.bytes());
        return;
      }
      if (uri.equals(live)) {
        TimedBodies.Body body = answers.live();
        JsonResponse.send(request, body.status(), body.bytes());
        return;
      }
    }
    next.handle(request);
  }

  /** No body (MethodPolicy's 413 is the router's business) and nothing that may ask for health+json. */
  private static boolean plain(MultiMap headers) {
    if (headers.contains(HttpHeaders.CONTENT_LENGTH) || headers.contains(HttpHeaders.TRANSFER_ENCODING)) {
      return false;
    }
    String accept = headers.get(HttpHeaders.ACCEPT);
    return accept == null || !MediaTypes.mayAskForHealthJson(accept);
  }
}
