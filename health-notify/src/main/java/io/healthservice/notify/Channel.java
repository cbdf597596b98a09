package io.healthservice.notify;

import java.util.Locale;
import java.util.Objects;

/**
 * Where notifications go. The URL (a Slack webhook URL carries its token in the path) and the PagerDuty
 * routing key are secrets: {@link #toString()} shows neither, and no log line or metric carries them.
 *
 * @param kind       the wire format spoken
 * @param url        where to POST
 * @param routingKey PagerDuty's integration key; {@code null} for the other kinds
 */
public record Channel(Kind kind, String url, String routingKey) {

  /** PagerDuty's Events API v2 endpoint. */
  public static final String PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

  /** The wire formats. */
  public enum Kind {
    /** A JSON document of our own (see the README), for any receiver. */
    WEBHOOK,
    /** A Slack-compatible incoming webhook: {@code {"text": ...}} (Slack, Mattermost, Rocket.Chat). */
    SLACK,
    /** PagerDuty Events API v2: trigger and resolve with a stable {@code dedup_key} per service and check. */
    PAGERDUTY;

    /** The name in logs and in the {@code channel} label. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Channel {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(url);
    if (kind == Kind.PAGERDUTY && (routingKey == null || routingKey.isBlank())) {
      throw new IllegalArgumentException("a PagerDuty channel needs a routing key");
    }
  }

  public static Channel webhook(String url) {
    return new Channel(Kind.WEBHOOK, url, null);
  }

  public static Channel slack(String url) {
    return new Channel(Kind.SLACK, url, null);
  }

  /** @param url {@link #PAGERDUTY_EVENTS_URL}, or a proxy's or a test receiver's */
  public static Channel pagerDuty(String url, String routingKey) {
    return new Channel(Kind.PAGERDUTY, url, routingKey);
  }

  @Override
  public String toString() {
    // Records print every component; this one must print neither the URL nor the key.
    return "Channel[" + kind.label() + "]";
  }
}
