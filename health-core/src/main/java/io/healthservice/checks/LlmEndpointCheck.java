package io.healthservice.checks;

import io.vertx.core.Future;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.codec.BodyCodec;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A GET on one LLM API's model list (free: no tokens are spent). 2xx is healthy; any other status,
 * a connection error or a timeout is not. The body is discarded unread, so a huge or garbage answer
 * costs nothing.
 */
public final class LlmEndpointCheck implements DependencyCheck {

  static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(30);
  static final Duration MIN_BACKOFF = Duration.ofSeconds(1);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

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

  @Override
  public Future<Void> ping() {
    HttpRequest<Void> request = client.getAbs(endpoint.url())
      .connectTimeout(timeoutMs)
      .idleTimeout(timeoutMs)
      .as(BodyCodec.none());
    endpoint.headers().forEach(request::putHeader);
    return request.send().compose(response -> {
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        return Future.<Void>succeededFuture();
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
    Duration wait = DEFAULT_BACKOFF;
    if (header != null) {
      String value = header.trim();
      try {
        wait = Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException notSeconds) {
        try {
          wait = Duration.between(Instant.now(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException unreadable) {
          wait = DEFAULT_BACKOFF;
        }
      }
    }
    if (wait.compareTo(MIN_BACKOFF) < 0) {
      return MIN_BACKOFF;
    }
    return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
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
