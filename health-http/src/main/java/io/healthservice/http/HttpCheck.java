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
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;

import java.nio.charset.StandardCharsets;
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
  /** A value quoted in a failure reason is cut to this many characters. */
  static final int MAX_QUOTED_CHARS = 64;

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
    return run(client, context.clientLimitMillis()).andThen(ar -> certificates.notAfter().ifPresent(context::certificate));
  }

  private Future<Void> run(WebClient client, long limitMs) {
    if (!target.readsBody()) {
      return send(client, BodyCodec.none(), limitMs).mapEmpty();
    }
    return send(client, new LimitedBody(MAX_BODY_BYTES, "response body"), limitMs)
      // The idle timeout stops once headers have arrived: a body that never ends is bounded here.
      .timeout(limitMs, TimeUnit.MILLISECONDS)
      .compose(body -> vertx.executeBlocking(() -> mismatch(target, body), false))
      .compose(reason -> reason == null ? Future.<Void>succeededFuture()
        : Future.failedFuture(new CheckFailure(FailureKind.ERROR, reason)));
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

  /** Why {@code body} does not meet the target's expectations, or null when it does. */
  static String mismatch(HttpTarget target, Buffer body) {
    Buffer content = body == null ? Buffer.buffer() : body;
    if (target.expectBody().isPresent()
      && !content.toString(StandardCharsets.UTF_8).contains(target.expectBody().get())) {
      return "body does not contain the expected text";
    }
    if (target.expectJson().isPresent()) {
      JsonPointerExpectation expectation = target.expectJson().get();
      Object json;
      try {
        json = Json.decodeValue(content);
      } catch (DecodeException | IllegalStateException notJson) {
        return "body is not JSON";
      }
      Object value = JsonPointer.from(expectation.pointer()).queryJson(json);
      String at = "JSON " + expectation.pointer();
      if (value == null) {
        return at + " is missing, expected " + quote(expectation.expected());
      }
      String text = value instanceof String string ? string : Json.encode(value);
      if (!text.equals(expectation.expected())) {
        return at + " is " + quote(text) + ", expected " + quote(expectation.expected());
      }
    }
    return null;
  }

  private static String quote(String value) {
    String cut = value.length() > MAX_QUOTED_CHARS ? value.substring(0, MAX_QUOTED_CHARS) + "..." : value;
    return "\"" + cut + "\"";
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
