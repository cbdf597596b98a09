package io.healthservice.notify;

import io.healthservice.checks.CheckContext;
import io.healthservice.HealthChecker;
import io.healthservice.checks.CheckFailure;
import io.healthservice.checks.DependencyCheck;
import io.healthservice.checks.FailureKind;
import io.healthservice.monitor.CheckSettings;
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

/** The public API as an embedding application uses it: a HealthChecker, a Notifier as its listener, Slack. */
class NotifierEmbeddingTest {

  /** A dependency the test switches up and down. */
  private static final class Switch implements DependencyCheck {
    final AtomicBoolean up = new AtomicBoolean(true);

    @Override
    public String name() {
      return "queue";
    }

    @Override
    public String target() {
      return "in-memory";
    }

    @Override
    public Future<Void> ping(CheckContext context) {
      return up.get() ? Future.succeededFuture()
        : Future.failedFuture(new CheckFailure(FailureKind.REFUSED, "connection refused"));
    }

    @Override
    public Future<Void> reset() {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  @Test
  void anApplicationGetsDownAndResolvedInSlack() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (FakeReceiver slack = FakeReceiver.start(vertx, Format.SLACK, "")) {
      Switch dependency = new Switch();
      HealthChecker health = HealthChecker.builder(vertx, "my-app", "1.0")
        .check(dependency, CheckSettings.of(false, Duration.ofMillis(100), Duration.ofMillis(500)))
        .build();
      NotifySettings settings = new NotifySettings(Duration.ZERO, Duration.ZERO, true, 10, 3, Duration.ofSeconds(1),
        Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(1));
      Notifier notifier = Notifier.create(vertx, health.snapshot(), "my-app", settings,
        List.of(Channel.slack(slack.url())), NotifyStats.NONE);
      health.addListener(notifier);
      vertx.deployVerticle(new VerticleBase() {
        @Override
        public Future<?> start() {
          return health.start();
        }

        @Override
        public Future<?> stop() {
          notifier.close();
          return health.stop();
        }
      }).await(10, TimeUnit.SECONDS);

      dependency.up.set(false);
      await(() -> slack.events().size() == 1);
      dependency.up.set(true);
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
