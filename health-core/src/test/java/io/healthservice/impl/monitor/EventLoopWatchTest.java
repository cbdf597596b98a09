package io.healthservice.impl.monitor;

import io.healthservice.MonitorClock;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class EventLoopWatchTest {

  @Test
  void aBlockedEventLoopFailsLivenessAndRecovers(Vertx vertx) throws Exception {
    EventLoopWatch watch = new EventLoopWatch(300, MonitorClock.of(vertx));
    Context context = vertx.getOrCreateContext();
    CountDownLatch watching = new CountDownLatch(1);
    context.runOnContext(v -> {
      watch.watchCurrentLoop(vertx, "loop");
      watching.countDown();
    });
    assertThat(watching.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(250);
    assertThat(watch.healthy(System.nanoTime())).isTrue();

    CountDownLatch released = new CountDownLatch(1);
    context.runOnContext(v -> {
      try {
        released.await(5, TimeUnit.SECONDS); // deliberately block this event loop
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Thread.sleep(700);
    assertThat(watch.healthy(System.nanoTime())).isFalse();
    assertThat(watch.maxLagMs(System.nanoTime())).isGreaterThan(300);

    released.countDown();
    Thread.sleep(300);
    assertThat(watch.healthy(System.nanoTime())).isTrue();
  }
}
