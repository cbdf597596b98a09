package io.healthservice.notify.impl;

import io.healthservice.notify.Channel;
import io.vertx.core.json.JsonObject;

/** Each channel's wire format for one {@link Notification}. Examples are in the README ("Notifications"). */
final class Payloads {

  /** PagerDuty's limit on {@code dedup_key}. */
  static final int MAX_DEDUP_KEY = 255;
  /** PagerDuty's limit on {@code payload.summary}. */
  static final int MAX_SUMMARY = 1024;

  private Payloads() {
  }

  static JsonObject render(Channel channel, Notification n) {
    return switch (channel.kind()) {
      case WEBHOOK -> webhook(n);
      case SLACK -> slack(n);
      case PAGERDUTY -> pagerDuty(channel.routingKey(), n);
    };
  }

  static JsonObject webhook(Notification n) {
    boolean resolved = n.event() == Notification.Event.RESOLVED;
    return new JsonObject()
      // Stable per message: a receiver can drop a retried delivery it already has.
      .put("id", dedupKey(n) + "/" + n.event().label() + "/" + n.at().toEpochMilli())
      .put("event", n.event().label())
      .put("service", n.service())
      .put("check", n.check())
      .put("status", resolved ? "ok" : "down")
      .put("critical", n.critical())
      .put("kind", n.kind() == null ? null : n.kind().label())
      .put("reason", n.reason())
      .put("since", n.since().toString())
      .put("at", n.at().toString())
      .put("summary", n.summary());
  }

  static JsonObject slack(Notification n) {
    String mark = switch (n.event()) {
      case DOWN -> ":red_circle:";
      case REMINDER -> ":warning:";
      case RESOLVED -> ":large_green_circle:";
    };
    String severity = n.event() == Notification.Event.RESOLVED ? "" : n.critical() ? " [critical]" : " [non-critical]";
    return new JsonObject().put("text", mark + " " + n.summary() + severity);
  }

  /** Trigger (down, reminder: the same alert, de-duplicated by PagerDuty) or resolve, per Events API v2. */
  static JsonObject pagerDuty(String routingKey, Notification n) {
    JsonObject event = new JsonObject()
      .put("routing_key", routingKey)
      .put("dedup_key", dedupKey(n));
    if (n.event() == Notification.Event.RESOLVED) {
      return event.put("event_action", "resolve");
    }
    String summary = n.summary();
    return event.put("event_action", "trigger")
      .put("client", "health-service")
      .put("payload", new JsonObject()
        .put("summary", summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary)
        .put("source", n.service())
        .put("severity", n.critical() ? "critical" : "warning")
        .put("timestamp", n.since().toString())
        .put("component", n.check())
        .put("group", n.service())
        .put("class", n.kind() == null ? "down" : n.kind().label())
        .put("custom_details", new JsonObject().put("reason", n.reason()).put("critical", n.critical())));
  }

  /** One per service and check, so trigger, reminders and resolve all address the same alert. */
  static String dedupKey(Notification n) {
    String service = n.service();
    int room = MAX_DEDUP_KEY - "health//".length() - n.check().length();
    // A very long service name is cut, never the check's name: keys of two checks must differ.
    return "health/" + (service.length() > room ? service.substring(0, room) : service) + "/" + n.check();
  }
}
