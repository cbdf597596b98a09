package io.healthservice.notify;

import io.healthservice.notify.Channel;
import io.healthservice.support.Eventually;
import io.healthservice.support.Exposition;
import io.healthservice.support.FakeReceiver;
import io.healthservice.support.FakeReceiver.Format;
import io.healthservice.support.LogCapture;
import io.healthservice.support.RunningService;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when": a Redis outage (a proxy in front of the real Redis) produces exactly one "down"
 * and one "resolved" message on each configured channel, even while Redis flaps and while the receivers
 * answer 500 and 429 for a while; probes stay fast whatever the receivers do; no secret is ever logged.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // about 13 s on an idle host, mostly a flapping outage and the channels' retries: more than the default minute on a busy host
class NotificationsTest extends ServiceTest {

  private static final String ROUTING_KEY = "R0UT1NGKEYE2E000000000000000001";
  private static final long MIN_INTERVAL_MS = 10_000;

  private FakeReceiver webhook;
  private FakeReceiver slack;
  private FakeReceiver pagerDuty;
  private LogCapture logs;

  @BeforeEach
  void startReceivers() throws Exception {
    webhook = FakeReceiver.start(vertx, Format.WEBHOOK, ROUTING_KEY);
    slack = FakeReceiver.start(vertx, Format.SLACK, ROUTING_KEY);
    pagerDuty = FakeReceiver.start(vertx, Format.PAGERDUTY, ROUTING_KEY);
    fixture.config.put("details", "always");
    // The webhook from the environment, the others from the file, as an operator might mix them.
    fixture.env.put("HEALTH_WEBHOOK_URL", webhook.url());
    logs = LogCapture.install();
  }

  @AfterEach
  void closeReceivers() throws Exception {
    logs.close();
    webhook.close();
    slack.close();
    pagerDuty.close();
  }

  private JsonObject notifications(long minIntervalMs, int queueSize, int maxAttempts) {
    JsonObject section = new JsonObject()
      .put("min_interval", minIntervalMs + "ms")
      .put("queue_size", queueSize)
      .put("max_attempts", maxAttempts)
      .put("timeout", "500ms")
      .put("initial_backoff", "100ms")
      .put("max_backoff", "400ms")
      .put("max_retry_after", "2s")
      .put("slack", new JsonObject().put("url", slack.url()))
      .put("pagerduty", new JsonObject().put("routing_key", ROUTING_KEY).put("url", pagerDuty.url()));
    fixture.config.put("notifications", section);
    return section;
  }

  /**
   * Like {@link io.healthservice.support.Fixture#start()}, with a looser bound on the probes while the service
   * warms up (a cold JVM on a loaded machine); every probe after that must still answer within 1 s.
   */
  private RunningService startService() throws Exception {
    RunningService started = RunningService.start(fixture.config, fixture.env);
    started.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(15), 5000);
    return started;
  }

  private List<FakeReceiver> receivers() {
    return List.of(webhook, slack, pagerDuty);
  }

  private static void await(String what, BooleanSupplier condition, Duration timeout) throws Exception {
    Eventually.until(what, timeout, condition::getAsBoolean);
  }

  /** The receiver's messages about the Redis check. */
  private static List<String> redis(FakeReceiver receiver) {
    return receiver.events().stream().filter(e -> e.startsWith("redis ") || e.contains(" redis is ")
      || e.contains("/redis ")).toList();
  }

  private Exposition metrics() throws Exception {
    return new Exposition(service.get("/metrics").body());
  }

  @Test
  void aRedisOutageIsOneDownAndOneResolvedPerChannelDespiteFlappingAndReceiverErrors() throws Exception {
    notifications(MIN_INTERVAL_MS, 100, 10);
    for (FakeReceiver receiver : receivers()) {
      receiver.answer(2, 500, null).answer(1, 429, "1");
    }
    service = startService();
    service.awaitDependency("redis", "ok", Duration.ofSeconds(10));

    fixture.redis.set(Mode.REFUSE);
    service.awaitDependency("redis", "error", Duration.ofSeconds(5));
    long downSeen = System.nanoTime();
    // Flapping inside the minimum interval: each change is seen by the monitor (and the probes)...
    for (int i = 0; i < 3; i++) {
      fixture.redis.set(Mode.FORWARD);
      service.awaitDependency("redis", "ok", Duration.ofSeconds(5));
      fixture.redis.set(Mode.REFUSE);
      service.awaitDependency("redis", "error", Duration.ofSeconds(5));
    }
    long flappedMs = (System.nanoTime() - downSeen) / 1_000_000;
    assertThat(flappedMs).as("flapping must end inside the minimum interval").isLessThan(MIN_INTERVAL_MS - 1000);
    // ...and the window ends with Redis down, as already told: nothing more to say.
    Thread.sleep(MIN_INTERVAL_MS - flappedMs + 1000);
    assertThat(metrics().value("health_state_changes_total", "check", "redis")).isGreaterThanOrEqualTo(7.0);

    fixture.redis.set(Mode.FORWARD);
    service.awaitDependency("redis", "ok", Duration.ofSeconds(5));
    for (FakeReceiver receiver : receivers()) {
      await("two messages", () -> redis(receiver).size() >= 2, Duration.ofSeconds(30));
    }
    Thread.sleep(1500); // nothing else trickles in

    // Only Redis' messages: on a loaded machine another check may time out once while the service starts.
    assertThat(redis(webhook)).containsExactly("redis down", "redis resolved");
    assertThat(redis(slack)).hasSize(2);
    assertThat(redis(slack).get(0)).startsWith(":red_circle: ai-chatrooms: redis is down (connection ");
    assertThat(redis(slack).get(1)).startsWith(":large_green_circle: ai-chatrooms: redis is ok again (down for ");
    assertThat(redis(pagerDuty)).containsExactly("health/ai-chatrooms/redis trigger", "health/ai-chatrooms/redis resolve");
    JsonObject trigger = pagerDuty.accepted().stream().filter(b -> b.getString("dedup_key").endsWith("/redis"))
      .findFirst().orElseThrow();
    assertThat(trigger.getJsonObject("payload").getString("severity")).isEqualTo("critical");

    Exposition metrics = metrics();
    for (FakeReceiver receiver : receivers()) {
      // The first message went through 500, 500 and 429 (Retry-After: 1) before it was accepted.
      assertThat(receiver.log()).startsWith("500", "500", "429");
      String channel = receiver == webhook ? "webhook" : receiver == slack ? "slack" : "pagerduty";
      assertThat(metrics.value("health_notifications_sent_total", "channel", channel)).as(channel)
        .isEqualTo((double) receiver.accepted().size());
      assertThat(metrics.value("health_notifications_failed_total", "channel", channel)).as(channel).isEqualTo(0.0);
      assertThat(metrics.value("health_notifications_dropped_total", "channel", channel)).as(channel).isEqualTo(0.0);
    }
    assertThat(logs.text()).contains("notifications channels=[Channel[webhook], Channel[slack], Channel[pagerduty]]")
      .doesNotContain(ROUTING_KEY).doesNotContain("slacktokensecret").doesNotContain(webhook.url());
  }

  @Test
  void hangingReceiversNeverSlowTheChecksAndAFullQueueDrops() throws Exception {
    notifications(0, 1, 3);
    for (FakeReceiver receiver : receivers()) {
      receiver.hang(1000);
    }
    service = startService();
    service.awaitDependency("redis", "ok", Duration.ofSeconds(10));

    // Each change is seen as fast as without notifications, every probe under 1 s, while every message hangs.
    fixture.redis.set(Mode.REFUSE);
    service.awaitDependency("redis", "error", Duration.ofSeconds(5));
    fixture.redis.set(Mode.FORWARD);
    service.awaitDependency("redis", "ok", Duration.ofSeconds(5));
    fixture.redis.set(Mode.REFUSE);
    service.awaitDependency("redis", "error", Duration.ofSeconds(5));

    // Queue of one: a message stays in flight for about 1.7 s (three attempts that time out), so of the
    // three Redis messages decided meanwhile at least one finds the queue full: dropped and counted.
    Exposition metrics = metrics();
    for (String channel : List.of("webhook", "slack", "pagerduty")) {
      assertThat(metrics.value("health_notifications_dropped_total", "channel", channel)).as(channel)
        .isGreaterThanOrEqualTo(1.0);
    }
    // Three attempts of 500 ms each, then given up.
    await("failed counted", () -> {
      try {
        Exposition m = metrics();
        return List.of("webhook", "slack", "pagerduty").stream()
          .allMatch(c -> m.value("health_notifications_failed_total", "channel", c) >= 1.0);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }, Duration.ofSeconds(30));
    for (FakeReceiver receiver : receivers()) {
      assertThat(receiver.accepted()).isEmpty();
    }
    assertThat(logs.text()).containsPattern("notification failed channel=slack check=\\w+ event=down attempts=3 reason=\"timeout\"")
      .contains("notification dropped channel=pagerduty check=")
      .doesNotContain(ROUTING_KEY).doesNotContain("slacktokensecret");
  }
}
