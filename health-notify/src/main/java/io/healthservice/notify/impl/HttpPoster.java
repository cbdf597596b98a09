package io.healthservice.notify.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Posts with a WebClient of its own (so a hung receiver never holds a connection the checks need), with a
 * connect and idle timeout on every request, and optionally a CA to trust and an {@code Authorization}
 * header (Alertmanager); the answer's body is discarded unread, so a receiver cannot make us buffer
 * megabytes. Redirects are not followed: a receiver's URL that redirects is misconfigured.
 */
final class HttpPoster implements Poster {

  private final WebClient client;
  private final long timeoutMs;
  private final String authorization;

  HttpPoster(Vertx vertx, String userAgent, long timeoutMs) {
    this(vertx, userAgent, timeoutMs, Optional.empty(), Optional.empty());
  }

  /** @param authorization the whole header value; a secret, never logged */
  HttpPoster(Vertx vertx, String userAgent, long timeoutMs, Optional<String> caFile, Optional<String> authorization) {
    this.timeoutMs = timeoutMs;
    this.authorization = authorization.orElse(null);
    WebClientOptions options = new WebClientOptions()
      .setUserAgent(userAgent)
      .setFollowRedirects(false)
      .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
      .setKeepAlive(true)
      .setIdleTimeout(60)
      .setIdleTimeoutUnit(TimeUnit.SECONDS);
    caFile.ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca)));
    this.client = WebClient.create(vertx, options);
  }

  @Override
  public Future<Reply> post(String url, Buffer json) {
    var request = client.postAbs(url)
      .connectTimeout(timeoutMs)
      .idleTimeout(timeoutMs)
      .putHeader("Content-Type", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.as(BodyCodec.none())
      .sendBuffer(json)
      .map(response -> new Reply(response.statusCode(), response.getHeader("Retry-After")));
  }

  @Override
  public void close() {
    client.close();
  }
}
