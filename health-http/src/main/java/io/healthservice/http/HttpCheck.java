package io.healthservice.http;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.FailureKind;
import io.healthservice.http.impl.HeldConnection;
import io.healthservice.http.impl.LimitedBody;
import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A GET or HEAD on any HTTP endpoint, healthy when the status is one of the expected ranges and, if asked,
 * the body holds a text or a JSON value. Without a body expectation the body is discarded unread; with one
 * it is read up to {@link #MAX_BODY_BYTES}. Redirects are not followed unless the target says so.
 * Failure reasons carry the status and the expectation, never a header (they hold credentials).
 *
 * <p>The check keeps one connection between runs ({@link HeldConnection}), closed after a run that failed. Plain
 * {@code http://} checks open theirs from one HTTP client shared by every such check of the Vert.x instance; an
 * {@code https://} check has a client of its own, whose trust records the certificates it sees.
 */
public final class HttpCheck extends ClientCheck<HeldConnection> {

  /** Bound on a body read into memory for an expectation: a status page, not a download. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final LimitedBody BODY = new LimitedBody(MAX_BODY_BYTES, "response body");

  private final Vertx vertx;
  private final HttpTarget target;
  private final HttpMethod method;
  private final HttpConnectOptions endpoint;
  private final PeerCertificates certificates = new PeerCertificates();

  public HttpCheck(Vertx vertx, String name, HttpTarget target) {
    super(name, Secrets.maskUrl(Objects.requireNonNull(target, "target").url()));
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.target = target;
    this.method = HttpMethod.valueOf(target.method());
    this.endpoint = endpoint(target.url());
  }

  /** Host, port and TLS of {@code url}, for the check's own connection. */
  private static HttpConnectOptions endpoint(String url) {
    URI uri = URI.create(url);
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    String host = uri.getHost();
    if (host != null && host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HttpConnectOptions().setHost(host).setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80).setSsl(tls);
  }

  @Override
  protected Future<Void> ping(HeldConnection held, CheckContext context) {
    long limitMs = context.clientLimitMillis();
    return held.send(request(limitMs), limitMs)
      .compose(response -> judge(response, context, limitMs))
      .onSuccess(v -> held.finished())
      .andThen(ar -> certificates.notAfter().ifPresent(context::certificate));
  }

  private RequestOptions request(long limitMs) {
    RequestOptions request = new RequestOptions().setMethod(method).setAbsoluteURI(target.url())
      .setFollowRedirects(target.followRedirects())
      .setConnectTimeout(limitMs)
      // No byte for this long resets the request and closes its connection: a server that hangs mid-answer.
      .setIdleTimeout(limitMs)
      .putHeader("User-Agent", "health-check");
    target.headers().forEach(request::putHeader);
    return request;
  }

  private Future<Void> judge(HttpClientResponse response, CheckContext context, long limitMs) {
    if (!target.accepts(response.statusCode())) {
      CheckFailure status = new CheckFailure(FailureKind.HTTP_STATUS, "HTTP " + response.statusCode());
      // The body is drained (bounded like a run) so that the connection can serve the next run.
      return response.end().transform(ar -> Future.failedFuture(status));
    }
    if (!target.readsBody()) {
      return response.end();
    }
    return BODY.read(response)
      // The idle timeout stops once bytes keep coming: a body that never ends is bounded here.
      .timeout(limitMs, TimeUnit.MILLISECONDS)
      .compose(body -> vertx.executeBlocking(() -> BodyVerdict.of(target, body), false))
      .compose(verdict -> {
        if (verdict.down() != null) {
          return Future.failedFuture(new CheckFailure(FailureKind.ERROR, verdict.down()));
        }
        if (verdict.warning() != null) {
          context.warn("body_condition", verdict.warning());
        }
        return Future.succeededFuture();
      });
  }

  @Override
  protected HeldConnection open(CheckContext context) {
    if (!endpoint.isSsl()) {
      return new HeldConnection(SharedClients.http(vertx), false, endpoint);
    }
    return new HeldConnection(vertx.createHttpClient(new HttpClientOptions()
      .setTrustOptions(certificates.verifying(target.caFile()))), true, endpoint);
  }

  /** Closes the connection a failed run may still hang on (and an https check's own client). */
  @Override
  protected Future<Void> release(HeldConnection held) {
    return held.close();
  }
}
