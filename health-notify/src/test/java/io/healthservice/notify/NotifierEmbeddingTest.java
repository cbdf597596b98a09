package io.healthservice.notify;

import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.HealthChecker;
import io.healthservice.support.FakeReceiver;
import io.healthservice.support.FakeReceiver.Format;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The public API as an embedding application uses it: a one-line custom check, notifications to Slack. */
class NotifierEmbeddingTest {

  @Test
  void anApplicationGetsDownAndResolvedInSlack() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (FakeReceiver slack = FakeReceiver.start(vertx, Format.SLACK, "")) {
      AtomicBoolean up = new AtomicBoolean(true);
      NotifySettings settings = new NotifySettings(Duration.ZERO, Duration.ZERO, true, 10, 3, Duration.ofSeconds(1),
        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(1));
      HealthChecker health = HealthChecker.builder(vertx, "my-app", "1.0")
        // A custom check is one line.
        .check(DependencyCheck.of("queue", () -> up.get() ? Future.succeededFuture()
            : Future.failedFuture(new CheckFailure(FailureKind.REFUSED, "connection refused"))),
          CheckSettings.of(false, Duration.ofMillis(100), Duration.ofMillis(500)))
        .attach(Notifications.webhooks(vertx, "my-app", settings, List.of(Channel.slack(slack.url())), NotifyStats.NONE))
        .build();
      vertx.deployVerticle(new VerticleBase() {
        @Override
        public Future<?> start() {
          return health.start();
        }

        @Override
        public Future<?> stop() {
          return health.stop(); // closes the notifier too
        }
      }).await(10, TimeUnit.SECONDS);

      up.set(false);
      await(() -> slack.events().size() == 1);
      up.set(true);
      await(() -> slack.events().size() == 2);
      assertThat(slack.events()).containsExactly(":red_circle: my-app: queue is down (connection refused) [non-critical]",
        slack.events().get(1));
      assertThat(slack.events().get(1)).startsWith(":large_green_circle: my-app: queue is ok again");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s");
      }
      Thread.sleep(20);
    }
  }
}
