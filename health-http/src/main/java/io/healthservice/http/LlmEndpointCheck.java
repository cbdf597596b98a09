package io.healthservice.http;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.FailureKind;
import io.healthservice.http.impl.LimitedBody;
import io.healthservice.http.impl.ModelList;
import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A GET on one LLM API's model list (free: no tokens are spent). 2xx is healthy; any other status,
 * a connection error or a timeout is not. Without configured models the body is discarded unread, so a
 * huge or garbage answer costs nothing; with them, it is read up to {@link #MAX_MODEL_LIST_BYTES} and
 * parsed on a worker thread, and a model missing from it makes the check fail ("model x not offered").
 * Each endpoint has its own client, so the certificate its server presents is its own.
 */
public final class LlmEndpointCheck extends ClientCheck<WebClient> {

  static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);
  static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  /** Bound on a model list read into memory; the largest public lists (OpenRouter) are around 1 MiB. */
  static final int MAX_MODEL_LIST_BYTES = 4 * 1024 * 1024;

  private final Vertx vertx;
  private final WebClientOptions options;
  private final LlmEndpoint endpoint;
  private final PeerCertificates certificates = new PeerCertificates();

  /** @param options the client settings (user agent, pool, connect timeout); its trust options are replaced */
  public LlmEndpointCheck(Vertx vertx, WebClientOptions options, LlmEndpoint endpoint) {
    super(Objects.requireNonNull(endpoint, "endpoint").name(), Secrets.maskUrl(endpoint.url()));
    this.vertx = Objects.requireNonNull(vertx);
    this.endpoint = Objects.requireNonNull(endpoint);
    this.options = new WebClientOptions(options).setTrustOptions(certificates.verifying(endpoint.caFile()));
  }

  @Override
  protected WebClient open(CheckContext context) {
    return WebClient.create(vertx, options);
  }

  @Override
  protected Future<Void> ping(WebClient client, CheckContext context) {
    return run(client, context.clientLimitMillis()).andThen(ar -> certificates.notAfter().ifPresent(context::certificate));
  }

  private Future<Void> run(WebClient client, long timeoutMs) {
    if (endpoint.models().isEmpty()) {
      return send(client, BodyCodec.none(), timeoutMs).mapEmpty();
    }
    return send(client, new LimitedBody(MAX_MODEL_LIST_BYTES), timeoutMs)
      // The client's idle timeout stops once headers have arrived: a list that never ends is bounded here
      // (its connection is closed by the pool's idle timeout).
      .timeout(timeoutMs, TimeUnit.MILLISECONDS)
      // Parsing a list of up to a few MiB is kept off the event loop.
      .compose(body -> vertx.executeBlocking(() -> ModelList.missing(endpoint.models(), body), false))
      .compose(missing -> missing.isEmpty() ? Future.<Void>succeededFuture()
        : Future.failedFuture(new CheckFailure(FailureKind.ERROR, "model " + missing.get(0) + " not offered"
          + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : ""))));
  }

  private <T> Future<T> send(WebClient client, BodyCodec<T> codec, long timeoutMs) {
    HttpRequest<T> request = client.getAbs(endpoint.url())
      .connectTimeout(timeoutMs)
      .idleTimeout(timeoutMs)
      .as(codec);
    endpoint.headers().forEach(request::putHeader);
    return request.send().compose(response -> {
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return Future.succeededFuture(response.body());
      }
      if (status == 429) {
        // Reachable but throttled: report it, and do not call again before the API allows it.
        Duration wait = retryAfter(response.getHeader("Retry-After"));
        return Future.failedFuture(new CheckFailure(FailureKind.HTTP_STATUS,
          "HTTP 429 (rate limited; retry after " + wait.toSeconds() + " s)", wait));
      }
      return Future.failedFuture(new CheckFailure(FailureKind.HTTP_STATUS, "HTTP " + status));
    });
  }

  /** Retry-After as seconds or an HTTP date, within [1 s, 5 min]; 30 s when absent or unreadable. */
  static Duration retryAfter(String header) {
    Duration wait = CheckFailure.parseRetryAfter(header, Instant.now()).orElse(DEFAULT_BACKOFF);
    if (wait.compareTo(MIN_BACKOFF) < 0) {
      return MIN_BACKOFF;
    }
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
  }

  /** Closing the client closes any connection a hung run still holds; the next run opens a new one. */
  @Override
  protected Future<Void> release(WebClient client) {
    client.close();
    return Future.succeededFuture();
  }
}
