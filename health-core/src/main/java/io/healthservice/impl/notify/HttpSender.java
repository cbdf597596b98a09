package io.healthservice.impl.notify;

import io.healthservice.Channel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;

import java.util.concurrent.TimeUnit;

/**
 * Posts with a WebClient of its own (so a hung receiver never holds a connection the checks need), with a
 * connect and idle timeout on every request; the answer's body is discarded unread, so a receiver cannot
 * make us buffer megabytes. Redirects are not followed: a webhook URL that redirects is misconfigured.
 */
final class HttpSender implements Sender {

  private final WebClient client;
  private final long timeoutMs;

  HttpSender(Vertx vertx, long timeoutMs, String userAgent) {
    this.timeoutMs = timeoutMs;
    this.client = WebClient.create(vertx, new WebClientOptions()
      .setUserAgent(userAgent)
      .setFollowRedirects(false)
      .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs))
      .setKeepAlive(true)
      .setIdleTimeout(60)
      .setIdleTimeoutUnit(TimeUnit.SECONDS));
  }

  @Override
  public Future<Reply> post(Channel channel, Buffer json) {
    return client.postAbs(channel.url())
      .connectTimeout(timeoutMs)
      .idleTimeout(timeoutMs)
      .putHeader("Content-Type", "application/json")
      .as(BodyCodec.none())
      .sendBuffer(json)
      .map(response -> new Reply(response.statusCode(), response.getHeader("Retry-After")));
  }

  @Override
  public void close() {
    client.close();
  }
}
