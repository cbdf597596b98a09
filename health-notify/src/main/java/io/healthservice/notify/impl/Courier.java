package io.healthservice.notify.impl;

import io.healthservice.CheckFailure;
import io.healthservice.MonitorClock;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * The one delivery path, for webhooks and Alertmanager alike: posts to one URL, at most one post in flight
 * and at most one more wanted after it. Every attempt has a deadline on the monitor's clock (the request
 * timeout), whatever the HTTP client does; a failed attempt (connection error, timeout, 5xx, 429) is retried
 * after {@link Backoff} (a receiver's {@code Retry-After} honoured) for as long as the {@link Errand} wants.
 * What to post is asked of the errand when each attempt starts. Single-threaded: every call and callback
 * happens on the monitor's event loop.
 */
final class Courier {

  /** What a courier posts for its owner, and what the owner does with each outcome. */
  interface Errand {

    /** What to post now; {@code null}: nothing to tell. */
    Buffer body();

    /** The receiver took {@code body} (2xx) after {@code failedBefore} failed attempts. */
    void accepted(Buffer body, int failedBefore);

    /** Attempt number {@code failures} failed but may be retried: true to retry in {@code delayMs}. */
    boolean retry(int failures, String why, long delayMs);

    /** Given up after {@code attempts}: refused for good (a 4xx other than 429), or {@link #retry} said no. */
    void gaveUp(Buffer body, int attempts, String why);
  }

  private final String url;
  private final Poster poster;
  private final MonitorClock clock;
  private final long timeoutMs;
  private final Backoff backoff;
  private final Errand errand;
  private boolean busy;
  private boolean wanted;
  private boolean closed;
  private long retryTimer = -1;
  private int failures;

  Courier(String url, Poster poster, MonitorClock clock, long timeoutMs, Backoff backoff, Errand errand) {
    this.url = Objects.requireNonNull(url);
    this.poster = Objects.requireNonNull(poster);
    this.clock = Objects.requireNonNull(clock);
    this.timeoutMs = timeoutMs;
    this.backoff = Objects.requireNonNull(backoff);
    this.errand = Objects.requireNonNull(errand);
  }

  /** Posts the errand's body now, or as soon as the post in flight (or the retry waiting) allows. */
  void request() {
    if (closed) {
      return;
    }
    wanted = true;
    if (!busy && retryTimer < 0) {
      send();
    }
  }

  private void send() {
    retryTimer = -1;
    wanted = false;
    if (closed) {
      return;
    }
    Buffer body = errand.body();
    if (body == null) {
      return;
    }
    busy = true;
    timed(body).onComplete(ar -> outcome(body, ar));
  }

  /** The post, or a timeout failure when it has not answered within the request timeout. */
  private Future<Reply> timed(Buffer body) {
    Future<Reply> post;
    try {
      post = poster.post(url, body);
    } catch (RuntimeException e) {
      post = Future.failedFuture(e);
    }
    return clock.within(post, timeoutMs, TimeoutException::new);
  }

  private void outcome(Buffer body, AsyncResult<Reply> ar) {
    if (closed) {
      busy = false;
      return;
    }
    Reply reply = ar.succeeded() ? ar.result() : null;
    int attempts = ++failures;
    if (reply != null && reply.accepted()) {
      failures = 0;
      errand.accepted(body, attempts - 1);
    } else {
      // Never the URL or the client's message (it names the host): a status code or a classified error.
      String why = reply != null ? "HTTP " + reply.status() : CheckFailure.of(ar.cause()).reason();
      if (reply == null || reply.retryable()) {
        Duration retryAfter = reply == null ? null
          : CheckFailure.parseRetryAfter(reply.retryAfter(), clock.now()).orElse(null);
        long delay = backoff.delayMs(attempts, retryAfter);
        if (errand.retry(attempts, why, delay)) {
          busy = false;
          retryTimer = clock.setTimer(delay, id -> send());
          return;
        }
      }
      failures = 0;
      errand.gaveUp(body, attempts, why);
    }
    busy = false;
    if (wanted) {
      send();
    }
  }

  /** Stops posting and retrying (the poster is its owner's to close). */
  void close() {
    closed = true;
    clock.cancelTimer(retryTimer);
    retryTimer = -1;
  }
}
