package io.healthservice.notify.impl;

import io.healthservice.MonitorClock;
import io.healthservice.notify.Channel;
import io.healthservice.notify.NotifySettings;
import io.healthservice.notify.NotifyStats;
import io.vertx.core.buffer.Buffer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * One channel's bounded queue over a {@link Courier}: one message in flight at a time, so a channel gets
 * "down" before "resolved", and retries (5xx, 429, connection errors, timeouts) up to {@code maxAttempts}.
 * A full queue drops the new message and counts it: the monitor never waits for a receiver.
 * Single-threaded: all calls and callbacks happen on the notifier's event loop.
 */
final class Delivery implements Courier.Errand {

  private static final Logger LOG = Logger.getLogger("health.notify");

  private record Queued(Notification notification, Buffer body) {
  }

  private final Channel channel;
  private final NotifySettings settings;
  private final NotifyStats stats;
  private final Courier courier;
  private final Deque<Queued> queue = new ArrayDeque<>();
  private boolean closed;
  private long dropped;

  Delivery(Channel channel, Poster poster, MonitorClock clock, NotifySettings settings, Backoff backoff,
           NotifyStats stats) {
    this.channel = Objects.requireNonNull(channel);
    this.settings = Objects.requireNonNull(settings);
    this.stats = Objects.requireNonNull(stats);
    this.courier = new Courier(channel.url(), poster, clock, settings.requestTimeout().toMillis(), backoff, this);
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
    courier.request();
  }

  /** Messages waiting, the one in flight included. */
  int queued() {
    return queue.size();
  }

  @Override
  public Buffer body() {
    Queued head = queue.peekFirst();
    return head == null ? null : head.body();
  }

  @Override
  public void accepted(Buffer body, int failedBefore) {
    stats.sent(channel.kind());
    next();
  }

  @Override
  public boolean retry(int failures, String why, long delayMs) {
    if (failures >= settings.maxAttempts()) {
      return false;
    }
    Notification n = queue.getFirst().notification();
    LOG.fine(() -> "notification retry channel=" + channel.kind().label() + " check=" + n.check()
      + " attempt=" + failures + " reason=\"" + why + "\" retry_in=" + delayMs + "ms");
    return true;
  }

  @Override
  public void gaveUp(Buffer body, int attempts, String why) {
    Notification n = queue.getFirst().notification();
    stats.failed(channel.kind());
    LOG.warning("notification failed channel=" + channel.kind().label() + " check=" + n.check()
      + " event=" + n.event().label() + " attempts=" + attempts + " reason=\"" + why + "\"");
    next();
  }

  private void next() {
    queue.pollFirst();
    if (!queue.isEmpty()) {
      courier.request();
    }
  }

  /** Stops retrying; queued messages are discarded (the process is going away). */
  void close() {
    closed = true;
    courier.close();
    queue.clear();
  }
}
