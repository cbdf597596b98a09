package io.healthservice.impl.monitor;

import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.CheckState;
import io.healthservice.DependencyCheck;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.support.FakeClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run reports through its context (certificate, server), how the monitor tells it the verdict
 * ({@code ended()}), and the reason an application's own check fails with.
 */
class RunReportsTest {

  private static Vertx vertx;

  private final FakeClock clock = new FakeClock();
  private final FakeCheck db = new FakeCheck("database");

  @BeforeAll
  static void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private HealthMonitor monitor(DependencyCheck check) {
    CheckSettings settings = HealthMonitorTest.settings(1000, 500, 5000, 1, 1);
    return new HealthMonitor(vertx, clock, List.of(new DependencyGroup(check.name(), true, List.of(check.name()))),
      List.of(new MonitoredCheck(check, settings)));
  }

  private static CheckState state(HealthMonitor monitor, String name) {
    return monitor.snapshot().checks().get(name);
  }

  @Test
  void endedFollowsTheVerdictSuccessFailureOrTimeout() {
    HealthMonitor monitor = monitor(db.manual());
    List<String> verdicts = new ArrayList<>();
    monitor.start();
    db.lastContext().ended().onComplete(ar -> verdicts.add(ar.succeeded() ? "passed" : "failed"));
    assertThat(verdicts).as("pending while the run is").isEmpty();
    db.succeed();
    clock.advance(1000);
    db.lastContext().ended().onComplete(ar -> verdicts.add(ar.succeeded() ? "passed" : "failed"));
    db.fail(new ConnectException("refused"));
    clock.advance(1000);
    db.lastContext().ended().onComplete(ar -> verdicts.add(ar.succeeded() ? "passed" : ((CheckFailure) ar.cause()).reason()));
    clock.advance(500);
    assertThat(verdicts).containsExactly("passed", "failed", "timeout after 500 ms");
    assertThat(db.drops()).isEqualTo(2);
  }

  @Test
  void certificateAndServerComeFromTheRunAndACertificateOutlivesARunWithoutHandshake() {
    HealthMonitor monitor = monitor(db.manual());
    monitor.start();
    Instant later = FakeClock.START.plus(Duration.ofDays(90));
    Instant earlier = FakeClock.START.plus(Duration.ofDays(60));
    db.lastContext().certificate(later);
    db.lastContext().certificate(earlier);
    db.lastContext().certificate(later);
    db.lastContext().server("db2:5432");
    db.succeed();
    assertThat(state(monitor, "database").certificate().notAfter()).as("the earliest of the run").isEqualTo(earlier);
    assertThat(state(monitor, "database").inUse()).isEqualTo("db2:5432");

    clock.advance(1000);
    db.fail(new ConnectException("refused"));
    assertThat(state(monitor, "database").certificate().notAfter()).as("no handshake: the last one stands").isEqualTo(earlier);
    assertThat(state(monitor, "database").inUse()).as("a run that chose no server").isNull();
  }

  @Test
  void anApplicationsOwnFailureKeepsItsMessageAsItsReason() {
    HealthMonitor monitor = monitor(DependencyCheck.of("rooms", () -> Future.failedFuture("no rooms")));
    monitor.start();
    CheckState rooms = state(monitor, "rooms");
    assertThat(rooms.reported()).isEqualTo(CheckState.Reported.DOWN);
    assertThat(rooms.kind()).isEqualTo(FailureKind.ERROR);
    assertThat(rooms.reason()).isEqualTo("no rooms");
  }

  @Test
  void anApplicationsReasonIsOneShortLine() {
    HealthMonitor monitor = monitor(DependencyCheck.of("rooms",
      () -> Future.failedFuture(new IllegalStateException("no rooms\nleft\tat all\u001b[31m " + "x".repeat(300)))));
    monitor.start();
    String reason = state(monitor, "rooms").reason();
    assertThat(reason).startsWith("no rooms left at all [31m x").endsWith("...").doesNotContainPattern("\\p{Cntrl}");
    assertThat(reason.length()).isLessThanOrEqualTo(203);
  }

  @Test
  void anApplicationsCheckThatThrowsOrFailsWithAKnownTypeIsNamedByItsType() {
    HealthMonitor thrower = monitor(DependencyCheck.of("rooms", () -> {
      throw new IllegalArgumentException("bad rooms");
    }));
    thrower.start();
    assertThat(state(thrower, "rooms").reason()).isEqualTo("bad rooms");

    HealthMonitor refused = monitor(DependencyCheck.of("search",
      () -> Future.failedFuture(new ConnectException("Connection refused: search.internal/10.0.0.7:9200"))));
    refused.start();
    assertThat(state(refused, "search").kind()).isEqualTo(FailureKind.REFUSED);
    assertThat(state(refused, "search").reason()).as("a client's message may name hosts").isEqualTo("connection refused");

    HealthMonitor silent = monitor(DependencyCheck.of("quiet", () -> Future.failedFuture(new RuntimeException())));
    silent.start();
    assertThat(state(silent, "quiet").reason()).isEqualTo("unexpected error");
  }
}
