package io.healthservice.impl.notify;

import io.healthservice.MonitorClock;
import io.healthservice.impl.checks.Failures;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * One Alertmanager URL: at most one post in flight, and at most one more wanted after it. What it posts is
 * always the current state ({@code state} is read when the post starts), so there is no queue that grows
 * while Alertmanager is away: a failed post (connection error, timeout, 5xx, 429) is retried with
 * {@link Backoff}, for as long as it takes, and the retry carries whatever is true by then. Single-threaded:
 * every call and callback happens on the checks' event loop.
 */
final class AlertmanagerTarget {

  private static final Logger LOG = Logger.getLogger("health.notify");

  /** What to post now, and what to call back with once Alertmanager accepted it (or refused it for good). */
  interface State {
    Buffer body(int target);

    void delivered(int target, Buffer body);
  }

  private final int index;
  private final AlertPoster poster;
  private final MonitorClock clock;
  private final long timeoutMs;
  private final Backoff backoff;
  private final State state;
  private boolean busy;
  private boolean again;
  private boolean closed;
  private long retryTimer = -1;
  private int failures;

  AlertmanagerTarget(int index, AlertPoster poster, MonitorClock clock, long timeoutMs, Backoff backoff, State state) {
    this.index = index;
    this.poster = Objects.requireNonNull(poster);
    this.clock = Objects.requireNonNull(clock);
    this.timeoutMs = timeoutMs;
    this.backoff = Objects.requireNonNull(backoff);
    this.state = Objects.requireNonNull(state);
  }

  /** Posts the current state now, or as soon as the post in flight (or the retry waiting) allows. */
  void request() {
    if (closed || retryTimer >= 0) {
      return; // the retry posts the state as it is then
    }
    if (busy) {
      again = true;
      return;
    }
    send();
  }

  /** Consecutive failed posts (0 when the last one was accepted). */
  int failures() {
    return failures;
  }

  private void send() {
    retryTimer = -1;
    again = false;
    if (closed) {
      return;
    }
    Buffer body = state.body(index);
    if (body == null) {
      return; // nothing to tell
    }
    busy = true;
    timed(body).onComplete(ar -> outcome(body, ar));
  }

  private Future<Reply> timed(Buffer body) {
    Promise<Reply> outcome = Promise.promise();
    long timer = clock.setTimer(timeoutMs, id -> outcome.tryFail(new TimeoutException()));
    Future<Reply> post;
    try {
      post = poster.post(index, body);
    } catch (RuntimeException e) {
      post = Future.failedFuture(e);
    }
    post.onComplete(ar -> {
      if (ar.succeeded()) {
        outcome.tryComplete(ar.result());
      } else {
        outcome.tryFail(ar.cause());
      }
    });
    return outcome.future().onComplete(ar -> clock.cancelTimer(timer));
  }

  private void outcome(Buffer body, AsyncResult<Reply> ar) {
    busy = false;
    if (closed) {
      return;
    }
    Reply reply = ar.succeeded() ? ar.result() : null;
    if (reply != null && reply.accepted()) {
      if (failures > 0) {
        LOG.info("alertmanager answering again target=" + index + " after failed_posts=" + failures);
      }
      failures = 0;
      state.delivered(index, body);
      if (again) {
        send();
      }
      return;
    }
    // Never the URL or the client's message (it names the host): a status code or a classified error.
    String why = reply != null ? "HTTP " + reply.status() : Failures.classify(ar.cause()).reason();
    if (reply != null && !reply.retryable()) {
      // A 4xx other than 429 would be the same next time: told once, and the next change or re-post tries again.
      LOG.warning("alertmanager refused alerts target=" + index + " reason=\"" + why + "\"");
      failures = 0;
      state.delivered(index, body);
      return;
    }
    failures++;
    long delay = backoff.delayMs(failures, reply == null ? null : Backoff.retryAfter(reply.retryAfter(), clock.now()));
    if (failures == 1 || failures % 100 == 0) {
      LOG.warning("alertmanager post failed target=" + index + " reason=\"" + why + "\" failed_posts=" + failures
        + " retry_in=" + delay + "ms");
    }
    retryTimer = clock.setTimer(delay, id -> send());
  }

  /** Stops posting and retrying. */
  void close() {
    closed = true;
    clock.cancelTimer(retryTimer);
    retryTimer = -1;
  }
}
