package io.healthservice.notify.impl;

import io.healthservice.MonitorClock;
import io.vertx.core.buffer.Buffer;

import java.util.Objects;
import java.util.logging.Logger;

/**
 * One Alertmanager URL over a {@link Courier}. What it posts is always the current state ({@code state} is
 * read when each post starts), so there is no queue that grows while Alertmanager is away: a failed post
 * (connection error, timeout, 5xx, 429) is retried for as long as it takes, and the retry carries whatever
 * is true by then. Single-threaded: every call and callback happens on the checks' event loop.
 */
final class AlertmanagerTarget implements Courier.Errand {

  private static final Logger LOG = Logger.getLogger("health.notify");

  /** What to post now, and what to call back with once Alertmanager accepted it (or refused it for good). */
  interface State {
    Buffer body(int target);

    void delivered(int target, Buffer body);
  }

  private final int index;
  private final State state;
  private final Courier courier;

  AlertmanagerTarget(int index, String url, Poster poster, MonitorClock clock, long timeoutMs, Backoff backoff,
                     State state) {
    this.index = index;
    this.state = Objects.requireNonNull(state);
    this.courier = new Courier(endpoint(url), poster, clock, timeoutMs, backoff, this);
  }

  /** {@code http://am:9093} and {@code http://am:9093/} both post to {@code http://am:9093/api/v2/alerts}. */
  static String endpoint(String base) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    return trimmed.endsWith("/api/v2/alerts") ? trimmed : trimmed + "/api/v2/alerts";
  }

  /** Posts the current state now, or as soon as the post in flight (or the retry waiting) allows. */
  void request() {
    courier.request();
  }

  @Override
  public Buffer body() {
    return state.body(index);
  }

  @Override
  public void accepted(Buffer body, int failedBefore) {
    if (failedBefore > 0) {
      LOG.info("alertmanager answering again target=" + index + " after failed_posts=" + failedBefore);
    }
    state.delivered(index, body);
  }

  @Override
  public boolean retry(int failures, String why, long delayMs) {
    if (failures == 1 || failures % 100 == 0) {
      LOG.warning("alertmanager post failed target=" + index + " reason=\"" + why + "\" failed_posts=" + failures
        + " retry_in=" + delayMs + "ms");
    }
    return true; // attempts never stop while there is state to send
  }

  @Override
  public void gaveUp(Buffer body, int attempts, String why) {
    // A 4xx other than 429 would be the same next time: told once, and the next change or re-post tries again.
    LOG.warning("alertmanager refused alerts target=" + index + " reason=\"" + why + "\"");
    state.delivered(index, body);
  }

  /** Stops posting and retrying. */
  void close() {
    courier.close();
  }
}
