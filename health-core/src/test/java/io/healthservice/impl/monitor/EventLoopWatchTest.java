package io.healthservice.impl.monitor;

import io.healthservice.MonitorClock;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class EventLoopWatchTest {

  @Test
  void aBlockedEventLoopFailsLivenessAndRecovers(Vertx vertx) throws Exception {
    EventLoopWatch watch = new EventLoopWatch(1000, MonitorClock.of(vertx));
    Context context = vertx.getOrCreateContext();
    CountDownLatch watching = new CountDownLatch(1);
    context.runOnContext(v -> {
      watch.watchCurrentLoop(vertx, "loop");
      watching.countDown();
    });
    assertThat(watching.await(5, TimeUnit.SECONDS)).isTrue();
    long watched = System.nanoTime();
    // Past 1.5 s a watch whose loop never ticked would be unhealthy: an idle loop keeps it healthy.
    assertThat(within(5_000, () -> System.nanoTime() - watched > 1_500_000_000L && watch.healthy(System.nanoTime())))
      .as("an idle loop ticks").isTrue();

    CountDownLatch released = new CountDownLatch(1);
    context.runOnContext(v -> {
      try {
        released.await(10, TimeUnit.SECONDS); // deliberately block this event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThat(within(5_000, () -> !watch.healthy(System.nanoTime()))).as("blocked loop seen").isTrue();
    assertThat(watch.maxLagMs(System.nanoTime())).as("lag beyond the tick period").isGreaterThanOrEqualTo(1000 - 1000 / 5);

    released.countDown();
    assertThat(within(5_000, () -> watch.healthy(System.nanoTime()))).as("recovered").isTrue();
  }

  /** Polls {@code condition} until it holds or {@code ms} pass: waits on what happened, not on fixed sleeps. */
  private static boolean within(long ms, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + ms * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }
}
