package io.healthservice.checks;

import io.healthservice.config.LlmEndpoint;
import io.healthservice.config.Secrets;
import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;

import java.time.Duration;
import java.util.Objects;

/**
 * A GET on one LLM API's model list (free: no tokens are spent). 2xx is healthy; any other status,
 * a connection error or a timeout is not. The body is discarded unread, so a huge or garbage answer
 * costs nothing.
 */
public final class LlmEndpointCheck implements DependencyCheck {

  private final WebClient client;
  private final LlmEndpoint endpoint;
  private final long timeoutMs;

  public LlmEndpointCheck(WebClient client, LlmEndpoint endpoint, Duration timeout) {
    this.client = Objects.requireNonNull(client);
    this.endpoint = Objects.requireNonNull(endpoint);
    this.timeoutMs = Math.max(1, timeout.toMillis());
  }

  @Override
  public String name() {
    return endpoint.name();
  }

  @Override
  public String target() {
    return Secrets.maskUrl(endpoint.url());
  }

  public LlmEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Future<Void> ping() {
    HttpRequest<Void> request = client.getAbs(endpoint.url())
      .connectTimeout(timeoutMs)
      .idleTimeout(timeoutMs)
      .as(BodyCodec.none());
    endpoint.headers().forEach(request::putHeader);
    return request.send().compose(response -> {
      int status = response.statusCode();
      return status >= 200 && status < 300
        ? Future.<Void>succeededFuture()
        : Future.failedFuture(new CheckFailure(FailureKind.HTTP_STATUS, "HTTP " + status));
    });
  }

  @Override
  public Future<Void> reset() {
    // Requests carry their own connect and idle timeouts; the shared client stays.
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
