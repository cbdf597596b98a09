package io.healthservice.notify.impl;

import io.healthservice.CheckState;
import io.healthservice.MonitorClock;
import io.healthservice.notify.Channel;
import io.healthservice.notify.NotifySettings;
import io.healthservice.notify.NotifyStats;
import io.healthservice.support.FakeReceiver;
import io.healthservice.support.FakeReceiver.Format;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.healthservice.notify.impl.States.down;
import static io.healthservice.notify.impl.States.up;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP against local receivers speaking each wire format: success, 429 with Retry-After, 500 for a
 * while, and a receiver that hangs (the request timeout ends the attempt). Real timers, so the bounds have
 * wide margins; the exact schedule is {@link DeliveryTest}'s business.
 */
class NotifierReceiversTest {

  private static final String ROUTING_KEY = "R0UT1NGKEYTEST00000000000000001";
  private static final long REQUEST_TIMEOUT_MS = 400;

  private Vertx vertx;
  private Context context;
  private FakeReceiver receiver;
  private Notifier notifier;
  private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  @BeforeEach
  void createVertx() {
    vertx = Vertx.vertx();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void close() throws Exception {
    if (notifier != null) {
      context.runOnContext(v -> notifier.close());
    }
    if (receiver != null) {
      receiver.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void start(Format format) throws Exception {
    receiver = FakeReceiver.start(vertx, format, ROUTING_KEY);
    Channel channel = switch (format) {
      case WEBHOOK -> Channel.webhook(receiver.url());
      case SLACK -> Channel.slack(receiver.url());
      case PAGERDUTY -> Channel.pagerDuty(receiver.url(), ROUTING_KEY);
    };
    NotifySettings settings = new NotifySettings(Duration.ZERO, Duration.ZERO, true, 10, 5,
      Duration.ofMillis(REQUEST_TIMEOUT_MS), Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(2));
    NotifyStats stats = new NotifyStats() {
      @Override
      public void sent(Channel.Kind kind) {
        count("sent");
      }

      @Override
      public void failed(Channel.Kind kind) {
        count("failed");
      }

      @Override
      public void dropped(Channel.Kind kind) {
        count("dropped");
      }
    };
    // Built on the context it will run on, as the monitor's listeners are.
    MonitorClock clock = MonitorClock.of(vertx);
    context.runOnContext(v -> notifier = new Notifier(clock, "chat", check -> true, settings, List.of(channel),
      new HttpPoster(vertx, "health-test", REQUEST_TIMEOUT_MS), new Backoff(settings, Math::random), stats));
    await(() -> notifier != null);
  }

  private void count(String what) {
    counts.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
  }

  private int counted(String what) {
    AtomicInteger n = counts.get(what);
    return n == null ? 0 : n.get();
  }

  private void change(CheckState from, CheckState to) {
    context.runOnContext(v -> notifier.onResult(from, to, null));
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    // Generous: two cores shared by many builds; a hang without a request timeout would never end at all.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s");
      }
      Thread.sleep(20);
    }
  }

  private List<String> expected(Format format) {
    return switch (format) {
      case WEBHOOK -> List.of("redis down", "redis resolved");
      case SLACK -> List.of(":red_circle: chat: redis is down (connection refused) [critical]",
        ":large_green_circle: chat: redis is ok again (down for 0 s)");
      case PAGERDUTY -> List.of("health/chat/redis trigger", "health/chat/redis resolve");
    };
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void successIsDeliveredOnceEach(Format format) throws Exception {
    start(format);
    change(up("redis"), down("redis", "connection refused"));
    change(down("redis", "connection refused"), up("redis"));
    await(() -> counted("sent") == 2);
    assertThat(receiver.events()).isEqualTo(expected(format));
    assertThat(receiver.log()).hasSize(2).allMatch(s -> s.equals("200") || s.equals("202"));
    Thread.sleep(300);
    assertThat(receiver.log()).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void retryAfterOf429IsHonoured(Format format) throws Exception {
    start(format);
    receiver.answer(1, 429, "1");
    change(up("redis"), down("redis", "connection refused"));
    await(() -> counted("sent") == 1);
    List<Long> arrivals = receiver.requestNanos();
    assertThat(receiver.log()).hasSize(2).first().isEqualTo("429");
    // Our own backoff would have retried after 50-100 ms: the receiver's one second was waited for.
    assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0))).isBetween(950L, 15_000L);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void serverErrorsForAWhileAreRetriedUntilAccepted(Format format) throws Exception {
    start(format);
    receiver.answer(3, 500, null);
    change(up("redis"), down("redis", "connection refused"));
    change(down("redis", "connection refused"), up("redis"));
    await(() -> counted("sent") == 2);
    assertThat(receiver.log()).containsExactly("500", "500", "500",
      format == Format.PAGERDUTY ? "202" : "200", format == Format.PAGERDUTY ? "202" : "200");
    assertThat(receiver.events()).isEqualTo(expected(format));
    assertThat(counted("failed")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void aHangingReceiverTimesOutAndIsRetried(Format format) throws Exception {
    start(format);
    receiver.hang(2);
    long start = System.nanoTime();
    change(up("redis"), down("redis", "connection refused"));
    await(() -> counted("sent") == 1);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(receiver.log()).hasSize(3).startsWith("hang", "hang");
    // Both hung attempts were ended by the 400 ms request timeout (never sooner) and retried.
    assertThat(elapsedMs).isGreaterThanOrEqualTo(2 * REQUEST_TIMEOUT_MS);
  }

  @ParameterizedTest
  @EnumSource(Format.class)
  void attemptsAreBoundedThenTheNextMessageGoesOut(Format format) throws Exception {
    start(format);
    receiver.answer(5, 503, null);
    change(up("redis"), down("redis", "connection refused"));
    change(down("redis", "connection refused"), up("redis"));
    await(() -> counted("failed") == 1 && counted("sent") == 1);
    assertThat(receiver.log()).hasSize(6);
    assertThat(receiver.events()).containsExactly(expected(format).get(1));
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = "PAGERDUTY")
  void pagerDutyRefusesAWrongRoutingKeyAndItIsNotRetried(Format format) throws Exception {
    receiver = FakeReceiver.start(vertx, format, ROUTING_KEY);
    NotifySettings settings = NotifySettings.defaults();
    context.runOnContext(v -> notifier = new Notifier(MonitorClock.of(vertx), "chat", check -> true, settings,
      List.of(Channel.pagerDuty(receiver.url(), "WRONGKEY")), new HttpPoster(vertx, "health-test", 2000),
      new Backoff(settings, Math::random), new NotifyStats() {
        @Override
        public void failed(Channel.Kind kind) {
          count("failed");
        }
      }));
    await(() -> notifier != null);
    change(up("redis"), down("redis", "connection refused"));
    await(() -> counted("failed") == 1);
    assertThat(receiver.log()).hasSize(1).first().asString().startsWith("400");
    assertThat(receiver.accepted()).isEmpty();
  }
}
