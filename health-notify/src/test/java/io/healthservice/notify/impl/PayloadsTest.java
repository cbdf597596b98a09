package io.healthservice.notify.impl;

import io.healthservice.FailureKind;
import io.healthservice.notify.Channel;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire formats, field by field (PagerDuty's from its Events API v2 documentation). */
class PayloadsTest {

  private static final Instant SINCE = Instant.parse("2026-11-24T08:00:00Z");
  private static final Instant AT = Instant.parse("2026-11-24T08:01:30Z");
  private static final String KEY = "R0UT1NGKEY0000000000000000000000";

  private static Notification down(String service, boolean critical) {
    return new Notification(Notification.Event.DOWN, service, "redis", critical, FailureKind.REFUSED,
      "connection refused", SINCE, SINCE);
  }

  private static Notification resolved() {
    return new Notification(Notification.Event.RESOLVED, "chat", "redis", true, null, null, SINCE, AT);
  }

  @Test
  void pagerDutyTriggerAndResolveShareTheDedupKey() {
    JsonObject trigger = Payloads.render(Channel.pagerDuty("http://x", KEY), down("chat", true));
    assertThat(trigger.getString("routing_key")).isEqualTo(KEY);
    assertThat(trigger.getString("event_action")).isEqualTo("trigger");
    assertThat(trigger.getString("dedup_key")).isEqualTo("health/chat/redis");
    JsonObject payload = trigger.getJsonObject("payload");
    assertThat(payload.getString("summary")).isEqualTo("chat: redis is down (connection refused)");
    assertThat(payload.getString("source")).isEqualTo("chat");
    assertThat(payload.getString("severity")).isEqualTo("critical");
    assertThat(payload.getString("timestamp")).isEqualTo("2026-11-24T08:00:00Z");
    assertThat(payload.getString("component")).isEqualTo("redis");
    assertThat(payload.getString("class")).isEqualTo("refused");

    JsonObject resolve = Payloads.render(Channel.pagerDuty("http://x", KEY), resolved());
    assertThat(resolve).isEqualTo(new JsonObject().put("routing_key", KEY).put("dedup_key", "health/chat/redis")
      .put("event_action", "resolve"));
    assertThat(Payloads.pagerDuty(KEY, down("chat", false)).getJsonObject("payload").getString("severity"))
      .isEqualTo("warning");
  }

  @Test
  void theDedupKeyFitsPagerDutysLimitAndKeepsTheCheck() {
    String key = Payloads.dedupKey(down("s".repeat(300), true));
    assertThat(key).hasSize(255).startsWith("health/sss").endsWith("/redis");
  }

  @Test
  void slackGetsOneLineOfText() {
    assertThat(Payloads.render(Channel.slack("http://x"), down("chat", true)))
      .isEqualTo(new JsonObject().put("text", ":red_circle: chat: redis is down (connection refused) [critical]"));
    assertThat(Payloads.slack(resolved()).getString("text"))
      .isEqualTo(":large_green_circle: chat: redis is ok again (down for 90 s)");
  }

  @Test
  void theGenericWebhookCarriesEveryField() {
    JsonObject body = Payloads.render(Channel.webhook("http://x"), down("chat", true));
    assertThat(body.fieldNames()).containsExactlyInAnyOrder("id", "event", "service", "check", "status", "critical",
      "kind", "reason", "since", "at", "summary");
    assertThat(body.getString("event")).isEqualTo("down");
    assertThat(body.getString("status")).isEqualTo("down");
    assertThat(body.getString("kind")).isEqualTo("refused");
    assertThat(body.getString("id")).isEqualTo("health/chat/redis/down/" + SINCE.toEpochMilli());
    JsonObject ok = Payloads.webhook(resolved());
    assertThat(ok.getString("status")).isEqualTo("ok");
    assertThat(ok.getValue("reason")).isNull();
  }

  @Test
  void channelsNeverPrintTheirSecrets() {
    Channel slack = Channel.slack("https://hooks.slack.com/services/T000/B000/XXXXSECRET");
    Channel pd = Channel.pagerDuty(Channel.PAGERDUTY_EVENTS_URL, KEY);
    assertThat(slack.toString()).isEqualTo("Channel[slack]");
    assertThat(pd.toString()).doesNotContain(KEY);
  }
}
