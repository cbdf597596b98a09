package io.healthservice.impl.notify;

import io.healthservice.Channel;
import io.healthservice.MonitorClock;
import io.healthservice.NotifySettings;
import io.healthservice.NotifyStats;
import io.healthservice.impl.checks.Failures;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * One channel's bounded queue and its delivery loop: one message in flight at a time, so a channel gets
 * "down" before "resolved", and retries (5xx, 429, connection errors, timeouts) with {@link Backoff} up to
 * {@code maxAttempts}. A full queue drops the new message and counts it: the monitor never waits for a
 * receiver. Every attempt has a deadline on the clock, whatever the HTTP client does. Single-threaded: all
 * calls and callbacks happen on the notifier's event loop.
 */
final class Delivery {

  private static final Logger LOG = Logger.getLogger("health.notify");

  private record Queued(Notification notification, Buffer body) {
  }

  private final Channel channel;
  private final Sender sender;
  private final MonitorClock clock;
  private final NotifySettings settings;
  private final Backoff backoff;
  private final NotifyStats stats;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private boolean busy;
  private boolean closed;
  private long retryTimer = -1;
  private long dropped;

  Delivery(Channel channel, Sender sender, MonitorClock clock, NotifySettings settings, Backoff backoff,
           NotifyStats stats) {
    this.channel = Objects.requireNonNull(channel);
    this.sender = Objects.requireNonNull(sender);
    this.clock = Objects.requireNonNull(clock);
    this.settings = Objects.requireNonNull(settings);
    this.backoff = Objects.requireNonNull(backoff);
    this.stats = Objects.requireNonNull(stats);
  }

  /** Queues {@code n}, or drops it when the queue is full; never waits. */
  void offer(Notification n) {
    if (closed) {
      return;
    }
    if (queue.size() >= settings.queueSize()) {
      stats.dropped(channel.kind());
      // The first drop and then every 100th: a receiver that is down for long must not flood the log.
      if (dropped++ % 100 == 0) {
        LOG.warning("notification dropped channel=" + channel.kind().label() + " check=" + n.check()
          + " event=" + n.event().label() + " reason=\"queue full (" + settings.queueSize() + ")\" dropped=" + dropped);
      }
      return;
    }
    queue.addLast(new Queued(n, Payloads.render(channel, n).toBuffer()));
    pump();
  }

  /** Messages waiting, the one in flight included. */
  int queued() {
    return queue.size();
  }

  private void pump() {
    if (busy || closed || queue.isEmpty()) {
      return;
    }
    busy = true;
    attempt(queue.peekFirst(), 1);
  }

  private void attempt(Queued q, int number) {
    retryTimer = -1;
    if (closed) {
      return;
    }
    timed(q.body()).onComplete(ar -> outcome(q, number, ar));
  }

  /** The post, or a timeout failure when it has not answered within the request timeout. */
  private Future<Reply> timed(Buffer body) {
    long timeoutMs = settings.requestTimeout().toMillis();
    Promise<Reply> outcome = Promise.promise();
    long timer = clock.setTimer(timeoutMs, id -> outcome.tryFail(new java.util.concurrent.TimeoutException()));
    Future<Reply> post;
    try {
      post = sender.post(channel, body);
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

  private void outcome(Queued q, int number, AsyncResult<Reply> ar) {
    if (closed) {
      return;
    }
    Reply reply = ar.succeeded() ? ar.result() : null;
    if (reply != null && reply.accepted()) {
      stats.sent(channel.kind());
      next();
      return;
    }
    // Never the URL or the client's message (it names the host): a status code or a classified error.
    String why = reply != null ? "HTTP " + reply.status() : Failures.classify(ar.cause()).reason();
    boolean retryable = reply == null || reply.retryable();
    if (retryable && number < settings.maxAttempts()) {
      Duration retryAfter = reply == null ? null : Backoff.retryAfter(reply.retryAfter(), clock.now());
      long delay = backoff.delayMs(number, retryAfter);
      LOG.fine(() -> "notification retry channel=" + channel.kind().label() + " check=" + q.notification().check()
        + " attempt=" + number + " reason=\"" + why + "\" retry_in=" + delay + "ms");
      retryTimer = clock.setTimer(delay, id -> attempt(q, number + 1));
      return;
    }
    stats.failed(channel.kind());
    LOG.warning("notification failed channel=" + channel.kind().label() + " check=" + q.notification().check()
      + " event=" + q.notification().event().label() + " attempts=" + number + " reason=\"" + why + "\"");
    next();
  }

  private void next() {
    queue.pollFirst();
    busy = false;
    pump();
  }

  /** Stops retrying; queued messages are discarded (the process is going away). */
  void close() {
    closed = true;
    clock.cancelTimer(retryTimer);
    queue.clear();
  }
}
