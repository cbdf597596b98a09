package io.healthservice.impl.monitor;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.DependencyGroup;
import io.healthservice.MonitorClock;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plug-in check whose future completes on a thread of its own client (here a JDK executor): its results are
 * judged, told and scheduled on the monitor's event loop, whose state no other thread touches. Real Vert.x timers.
 */
class ForeignThreadResultTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void resultsCompletedOnAnotherThreadAreJudgedOnTheMonitorsLoop() throws Exception {
    DependencyCheck foreign = DependencyCheck.of("foreign", () -> {
      Promise<Void> answer = Promise.promise();
      // Another thread (the JDK's), a little later: the run's handler is attached by then, so it runs there.
      CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS).execute(answer::complete);
      return answer.future();
    });
    CheckSettings settings = new CheckSettings(true, Duration.ofMillis(20), Duration.ofMillis(500),
      Duration.ofSeconds(5), 1, 1);
    HealthMonitor monitor = new HealthMonitor(vertx, MonitorClock.of(vertx),
      List.of(new DependencyGroup("foreign", true, List.of("foreign"))), List.of(new MonitoredCheck(foreign, settings)));
    List<String> judgedOn = new CopyOnWriteArrayList<>();
    CountDownLatch fiveRuns = new CountDownLatch(5);
    monitor.addListener((previous, current, failure) -> {
      judgedOn.add(Thread.currentThread().getName());
      fiveRuns.countDown();
    });
    CompletableFuture<String> loop = new CompletableFuture<>();
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      loop.complete(Thread.currentThread().getName());
      monitor.start();
    });
    assertThat(fiveRuns.await(10, TimeUnit.SECONDS)).as("five runs, every 20 ms").isTrue();
    String monitorLoop = loop.get(1, TimeUnit.SECONDS);
    assertThat(judgedOn).allMatch(monitorLoop::equals);
    assertThat(monitor.snapshot().checks().get("foreign").isUp(System.nanoTime())).isTrue();
    CompletableFuture<Void> stopped = new CompletableFuture<>();
    context.runOnContext(v -> monitor.stop().onSuccess(stopped::complete).onFailure(stopped::completeExceptionally));
    stopped.get(5, TimeUnit.SECONDS);
  }
}
