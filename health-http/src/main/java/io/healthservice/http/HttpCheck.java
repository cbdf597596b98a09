package io.healthservice.http;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.FailureKind;
import io.healthservice.http.impl.LimitedBody;
import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A GET or HEAD on any HTTP endpoint, healthy when the status is one of the expected ranges and, if asked,
 * the body holds a text or a JSON value. Without a body expectation the body is discarded unread; with one
 * it is read up to {@link #MAX_BODY_BYTES}. Redirects are not followed unless the target says so.
 * Failure reasons carry the status and the expectation, never a header (they hold credentials).
 */
public final class HttpCheck extends ClientCheck<WebClient> {

  /** Bound on a body read into memory for an expectation: a status page, not a download. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final String name;
  private final HttpTarget target;
  private final HttpMethod method;
  private final PeerCertificates certificates = new PeerCertificates();

  public HttpCheck(Vertx vertx, String name, HttpTarget target) {
    super(name, Secrets.maskUrl(Objects.requireNonNull(target, "target").url()));
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
    this.method = HttpMethod.valueOf(target.method());
  }

  @Override
  protected Future<Void> ping(WebClient client, CheckContext context) {
    return run(client, context).andThen(ar -> certificates.notAfter().ifPresent(context::certificate));
  }

  private Future<Void> run(WebClient client, CheckContext context) {
    long limitMs = context.clientLimitMillis();
    if (!target.readsBody()) {
      return send(client, BodyCodec.none(), limitMs).mapEmpty();
    }
    return send(client, new LimitedBody(MAX_BODY_BYTES, "response body"), limitMs)
      // The idle timeout stops once headers have arrived: a body that never ends is bounded here.
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

  private <T> Future<T> send(WebClient client, BodyCodec<T> codec, long limitMs) {
    HttpRequest<T> request = client.requestAbs(method, target.url())
      .followRedirects(target.followRedirects())
      .connectTimeout(limitMs)
      .idleTimeout(limitMs)
      .as(codec);
    target.headers().forEach(request::putHeader);
    return request.send().compose(response -> target.accepts(response.statusCode())
      ? Future.succeededFuture(response.body())
      : Future.failedFuture(new CheckFailure(FailureKind.HTTP_STATUS, "HTTP " + response.statusCode())));
  }

  /** Why {@code body} does not meet the target's expectations, or null when it does (a warning is not a mismatch). */
  static String mismatch(HttpTarget target, Buffer body) {
    return BodyVerdict.of(target, body).down();
  }



  @Override
  protected WebClient open(CheckContext context) {
    return WebClient.create(vertx, new WebClientOptions()
      .setUserAgent("health-check")
      .setFollowRedirects(target.followRedirects())
      .setTrustOptions(certificates.verifying(target.caFile())));
  }

  /** Closing the client closes any connection a hung run still holds. */
  @Override
  protected Future<Void> release(WebClient client) {
    client.close();
    return Future.succeededFuture();
  }
}
