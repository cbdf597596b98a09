package io.healthservice;

import io.healthservice.support.FakeClock;
import io.healthservice.support.HandCheck;
import io.healthservice.support.Loop;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code the checker calls but does not own (a listener, a plug-in's close) may throw: the checks keep running, the
 * other listeners are still told, and a stop still ends and closes what was attached. A fake clock drives the runs.
 */
class FaultyPluginTest {

  private static final CheckSettings EVERY_SECOND = new CheckSettings(true, Duration.ofSeconds(1),
    Duration.ofMillis(500), Duration.ofSeconds(5), 1, 1);

  private final Vertx vertx = Vertx.vertx();
  private final Loop loop = new Loop(vertx);
  private final FakeClock clock = new FakeClock();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aListenerThatThrowsNeitherStopsTheRunsNorSilencesTheListenersAfterIt() {
    HandCheck database = HandCheck.named("database").healthy();
    List<String> heard = new CopyOnWriteArrayList<>();
    HealthChecker checker = HealthChecker.builder(vertx, "svc", "1").check(database.check(), EVERY_SECOND)
      .clock(clock).logTransitions(false)
      .listener((previous, current, failure) -> {
        throw new IllegalStateException("a bug in a listener");
      })
      .listener((previous, current, failure) -> heard.add(current.reported().name()))
      .build();
    loop.await(checker::start);
    for (int i = 0; i < 3; i++) {
      loop.run(() -> clock.advance(1000));
    }
    assertThat(database.pings()).as("runs go on").isEqualTo(4);
    assertThat(heard).as("the next listener is told of each").containsExactly("UP", "UP", "UP", "UP");
    assertThat(checker.snapshot().checks().get("database").reported()).isEqualTo(CheckState.Reported.UP);
  }

  @Test
  void stopEndsAndClosesTheAttachedListenersWhenACheckCloseThrows() throws Exception {
    DependencyCheck broken = new DependencyCheck() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Future<Void> ping(CheckContext context) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> close() {
        throw new IllegalStateException("a bug in a plug-in's close");
      }
    };
    AtomicBoolean closed = new AtomicBoolean();
    HealthChecker checker = HealthChecker.builder(vertx, "svc", "1").check(broken, EVERY_SECOND)
      .clock(clock).logTransitions(false)
      .attach(c -> new ClosingListener(closed))
      .build();
    loop.await(checker::start);
    Future<Void> stopped = checker.stop(); // from this thread: it hops to the monitor's loop
    stopped.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(5, TimeUnit.SECONDS);
    assertThat(stopped.failed()).as("the close's failure is reported").isTrue();
    assertThat(closed).as("the attached listener is closed all the same").isTrue();
  }

  private record ClosingListener(AtomicBoolean closed) implements MonitorListener, AutoCloseable {

    @Override
    public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }
}
