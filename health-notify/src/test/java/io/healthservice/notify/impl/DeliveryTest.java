package io.healthservice.notify.impl;

import io.healthservice.notify.Channel;
import io.healthservice.notify.NotifySettings;
import io.healthservice.notify.NotifyStats;
import io.healthservice.support.FakeClock;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One channel's queue, retries and bounds, with a sender the test answers by hand and a fake clock. */
class DeliveryTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> attempts = new ArrayList<>();
  private final List<Promise<Reply>> pending = new ArrayList<>();
  private final Map<Channel.Kind, int[]> counts = new EnumMap<>(Channel.Kind.class);
  private final Channel channel = Channel.pagerDuty("http://127.0.0.1:1/v2/enqueue", "R0UT1NGKEY0000000000000000000000");

  /** Records each post and leaves it open for the test to answer. */
  private final Poster sender = (url, json) -> {
    JsonObject body = json.toJsonObject();
    attempts.add(clock.elapsedMs() + " " + body.getString("event_action"));
    Promise<Reply> reply = Promise.promise();
    pending.add(reply);
    return reply.future();
  };

  private final NotifyStats stats = new NotifyStats() {
    @Override
    public void sent(Channel.Kind kind) {
      counts.computeIfAbsent(kind, k -> new int[3])[0]++;
    }

    @Override
    public void failed(Channel.Kind kind) {
      counts.computeIfAbsent(kind, k -> new int[3])[1]++;
    }

    @Override
    public void dropped(Channel.Kind kind) {
      counts.computeIfAbsent(kind, k -> new int[3])[2]++;
    }
  };

  private Delivery delivery(int queueSize, int maxAttempts) {
    NotifySettings settings = new NotifySettings(Duration.ZERO, Duration.ZERO, true, queueSize, maxAttempts,
      Duration.ofMillis(2000), Duration.ofMillis(1000), Duration.ofMillis(8000), Duration.ofSeconds(10));
    // Jitter fixed at its lowest: the schedule is exactly 500, 1000, 2000, 4000 ms.
    return new Delivery(channel, sender, clock, settings, new Backoff(settings, () -> 0.0), stats);
  }

  private static Notification message(Notification.Event event) {
    Instant at = FakeClock.START;
    boolean resolved = event == Notification.Event.RESOLVED;
    return new Notification(event, "chat", "redis", true, resolved ? null : io.healthservice.FailureKind.REFUSED,
      resolved ? null : "connection refused", at, at);
  }

  private void answer(int status, String retryAfter) {
    pending.remove(0).complete(new Reply(status, retryAfter));
  }

  private String counts() {
    int[] c = counts.getOrDefault(Channel.Kind.PAGERDUTY, new int[3]);
    return "sent=" + c[0] + " failed=" + c[1] + " dropped=" + c[2];
  }

  @Test
  void deliversOnceOnSuccess() {
    Delivery delivery = delivery(10, 5);
    delivery.offer(message(Notification.Event.DOWN));
    answer(202, null);
    clock.advance(60_000);
    assertThat(attempts).containsExactly("0 trigger");
    assertThat(counts()).isEqualTo("sent=1 failed=0 dropped=0");
    assertThat(delivery.queued()).isZero();
  }

  @Test
  void honoursRetryAfterOn429() {
    Delivery delivery = delivery(10, 5);
    delivery.offer(message(Notification.Event.DOWN));
    answer(429, "3");
    clock.advance(2999);
    assertThat(attempts).containsExactly("0 trigger");
    clock.advance(1);
    assertThat(attempts).containsExactly("0 trigger", "3000 trigger");
    answer(202, null);
    assertThat(counts()).isEqualTo("sent=1 failed=0 dropped=0");
  }

  @Test
  void retriesServerErrorsAndConnectionErrorsWithExponentialBackoff() {
    Delivery delivery = delivery(10, 5);
    delivery.offer(message(Notification.Event.DOWN));
    answer(500, null);
    clock.advance(500);
    answer(503, null);
    clock.advance(1000);
    pending.remove(0).fail(new ConnectException("Connection refused: 127.0.0.1:1"));
    clock.advance(2000);
    answer(202, null);
    assertThat(attempts).containsExactly("0 trigger", "500 trigger", "1500 trigger", "3500 trigger");
    assertThat(counts()).isEqualTo("sent=1 failed=0 dropped=0");
  }

  @Test
  void aHungReceiverTimesOutAndTheMessageFailsAfterMaxAttempts() {
    Delivery delivery = delivery(10, 3);
    delivery.offer(message(Notification.Event.DOWN));
    delivery.offer(message(Notification.Event.RESOLVED));
    // Never answered: each attempt ends at the 2 s request timeout, then waits 500 ms, then 1000 ms.
    clock.advance(2000 + 500 + 2000 + 1000 + 2000 - 1);
    assertThat(attempts).containsExactly("0 trigger", "2500 trigger", "5500 trigger");
    assertThat(counts()).isEqualTo("sent=0 failed=0 dropped=0");
    clock.advance(1);
    // Given up: the next message goes out at once.
    assertThat(counts()).isEqualTo("sent=0 failed=1 dropped=0");
    assertThat(attempts).containsExactly("0 trigger", "2500 trigger", "5500 trigger", "7500 resolve");
  }

  @Test
  void aPermanentErrorIsNotRetried() {
    Delivery delivery = delivery(10, 5);
    delivery.offer(message(Notification.Event.DOWN));
    answer(400, null);
    clock.advance(60_000);
    assertThat(attempts).containsExactly("0 trigger");
    assertThat(counts()).isEqualTo("sent=0 failed=1 dropped=0");
  }

  @Test
  void keepsOrderDownBeforeResolvedWhileRetrying() {
    Delivery delivery = delivery(10, 5);
    delivery.offer(message(Notification.Event.DOWN));
    delivery.offer(message(Notification.Event.RESOLVED));
    answer(500, null);
    clock.advance(500);
    answer(202, null);
    answer(202, null);
    assertThat(attempts).containsExactly("0 trigger", "500 trigger", "500 resolve");
    assertThat(counts()).isEqualTo("sent=2 failed=0 dropped=0");
  }

  @Test
  void aFullQueueDropsAndCountsWithoutWaiting() {
    Delivery delivery = delivery(3, 5);
    for (int i = 0; i < 5; i++) {
      delivery.offer(message(Notification.Event.REMINDER));
    }
    assertThat(delivery.queued()).isEqualTo(3);
    assertThat(counts()).isEqualTo("sent=0 failed=0 dropped=2");
    answer(202, null);
    delivery.offer(message(Notification.Event.RESOLVED));
    assertThat(delivery.queued()).isEqualTo(3);
    assertThat(counts()).isEqualTo("sent=1 failed=0 dropped=2");
  }

  @Test
  void closeStopsRetries() {
    Delivery delivery = delivery(10, 5);
    delivery.offer(message(Notification.Event.DOWN));
    answer(500, null);
    delivery.close();
    clock.advance(60_000);
    assertThat(attempts).containsExactly("0 trigger");
    assertThat(clock.pendingTimers()).isZero();
  }
}
