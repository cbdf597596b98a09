package io.healthservice.impl.notify;

import io.healthservice.AlertmanagerSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST <url>/api/v2/alerts} with a WebClient of its own (a hung Alertmanager never holds a connection
 * the checks need), the configured CA and {@code Authorization} header, connect and idle timeouts on every
 * request; the answer's body is discarded unread.
 */
final class AlertmanagerClient implements AlertPoster {

  private final WebClient client;
  private final List<String> endpoints;
  private final String authorization;
  private final long timeoutMs;

  AlertmanagerClient(Vertx vertx, AlertmanagerSettings settings) {
    this.timeoutMs = settings.requestTimeout().toMillis();
    this.endpoints = settings.urls().stream().map(AlertmanagerClient::endpoint).toList();
    this.authorization = settings.authorization().orElse(null);
    WebClientOptions options = new WebClientOptions()
      .setUserAgent("health-alertmanager")
      .setFollowRedirects(false)
      .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
      .setKeepAlive(true)
      .setIdleTimeout(60)
      .setIdleTimeoutUnit(TimeUnit.SECONDS);
    settings.caFile().ifPresent(ca -> options.setTrustOptions(new PemTrustOptions().addCertPath(ca)));
    this.client = WebClient.create(vertx, options);
  }

  /** {@code http://am:9093} and {@code http://am:9093/} both post to {@code http://am:9093/api/v2/alerts}. */
  static String endpoint(String base) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return trimmed.endsWith("/api/v2/alerts") ? trimmed : trimmed + "/api/v2/alerts";
  }

  @Override
  public Future<Reply> post(int target, Buffer alerts) {
    var request = client.postAbs(endpoints.get(target))
      .connectTimeout(timeoutMs)
      .idleTimeout(timeoutMs)
      .putHeader("Content-Type", "application/json");
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return request.as(BodyCodec.none()).sendBuffer(alerts)
      .map(response -> new Reply(response.statusCode(), response.getHeader("Retry-After")));
  }

  @Override
  public void close() {
    client.close();
  }
}
