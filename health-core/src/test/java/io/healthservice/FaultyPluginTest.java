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
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code the checker calls but does not own (a listener, a plug-in's close) may throw: the checks keep running, the
 * other listeners are still told, and a stop or reload still ends, applied, and closes what was attached; a close that
 * fails is logged by the check's name and the error's type. A fake clock drives the runs.
 */
class FaultyPluginTest {

  private static final CheckSettings EVERY_SECOND = new CheckSettings(true, Duration.ofSeconds(1),
    Duration.ofMillis(500), Duration.ofSeconds(5), 1, 1);

  private final Vertx vertx = Vertx.vertx();
  private final Loop loop = new Loop(vertx);
  private final FakeClock clock = new FakeClock();

  private final List<Handler> handlers = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    handlers.forEach(Logger.getLogger("health.monitor")::removeHandler);
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
    List<String> logged = captureMonitorLog();
    loop.await(checker::start);
    for (int i = 0; i < 3; i++) {
      loop.run(() -> clock.advance(1000));
    }
    assertThat(database.pings()).as("runs go on").isEqualTo(4);
    assertThat(heard).as("the next listener is told of each").containsExactly("UP", "UP", "UP", "UP");
    assertThat(checker.snapshot().checks().get("database").reported()).isEqualTo(CheckState.Reported.UP);
    assertThat(logged).as("each failure logged by type and place, never by its message").hasSize(4)
      .allMatch(line -> line.startsWith("a monitor listener failed: java.lang.IllegalStateException at io.healthservice.FaultyPluginTest"))
      .noneMatch(line -> line.contains("a bug in a listener"));
  }

  @Test
  void stopSucceedsAndClosesTheAttachedListenersWhenACheckCloseThrows() throws Exception {
    AtomicBoolean closed = new AtomicBoolean();
    HealthChecker checker = HealthChecker.builder(vertx, "svc", "1").check(throwingClose("broken"), EVERY_SECOND)
      .clock(clock).logTransitions(false)
      .attach(c -> new ClosingListener(closed))
      .build();
    loop.await(checker::start);
    List<String> logged = captureMonitorLog();
    Future<Void> stopped = checker.stop(); // from this thread: it hops to the monitor's loop
    stopped.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(5, TimeUnit.SECONDS);
    assertThat(stopped.succeeded()).as("the checks were stopped all the same").isTrue();
    assertThat(closed).as("the attached listener is closed").isTrue();
    assertThat(logged).containsExactly("closing check broken failed: java.lang.IllegalStateException");
  }

  /** A reload that replaced the checks is applied, whatever the replaced checks' close() does: never reported refused. */
  @Test
  void aReloadIsAppliedWhenAReplacedCheckCloseThrowsOrFails() throws Exception {
    DependencyCheck cache = new DependencyCheck() {
      @Override
      public String name() {
        return "cache";
      }

      @Override
      public Future<Void> ping(CheckContext context) {
        return Future.succeededFuture();
      }

      @Override
      public Future<Void> close() {
        return Future.failedFuture(new IllegalStateException("already closed: secret-in-message"));
      }
    };
    HealthChecker checker = HealthChecker.builder(vertx, "svc", "1").check(throwingClose("broken"), EVERY_SECOND)
      .check(cache, EVERY_SECOND).clock(clock).logTransitions(false).build();
    loop.await(checker::start);
    List<String> logged = captureMonitorLog();
    HandCheck next = HandCheck.named("database").healthy();
    Future<Void> reloaded = checker.replaceChecks(HealthChecker.builder(vertx, "svc", "1").check(next.check(), EVERY_SECOND)
      .clock(clock).logTransitions(false));
    reloaded.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(5, TimeUnit.SECONDS);
    assertThat(reloaded.succeeded()).as("the reload applied").isTrue();
    assertThat(checker.snapshot().checks()).containsOnlyKeys("database");
    assertThat(next.pings()).as("the new check ran at once").isEqualTo(1);
    assertThat(logged).containsExactlyInAnyOrder("closing check broken failed: java.lang.IllegalStateException",
      "closing check cache failed: java.lang.IllegalStateException");
    loop.await(checker::stop);
  }

  private static DependencyCheck throwingClose(String name) {
    return new DependencyCheck() {
      @Override
      public String name() {
        return name;
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
  }

  /** The monitor's log lines from now until the test's end. */
  private List<String> captureMonitorLog() {
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        lines.add(record.getMessage());
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger.getLogger("health.monitor").addHandler(handler);
    handlers.add(handler);
    return lines;
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
