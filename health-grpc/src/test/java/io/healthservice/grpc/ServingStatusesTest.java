package io.healthservice.grpc;

import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.HealthChecker;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.Readiness;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING;
import static io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVICE_UNKNOWN;
import static io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING;
import static org.assertj.core.api.Assertions.assertThat;

/** What each gRPC service name answers in each state: a snapshot judged at a fixed instant, no server. */
class ServingStatusesTest {

  private static final long NOW = 1_000_000_000_000L;
  private static final long MAX_AGE = 10_000_000_000L;
  private static final List<DependencyGroup> GROUPS = List.of(
    new DependencyGroup("database", true, List.of("database")),
    new DependencyGroup("redis", true, List.of("redis")),
    new DependencyGroup("llm_services", false, List.of("openai", "anthropic")));

  private static Vertx vertx;
  private final HealthChecker process = HealthChecker.builder(vertx, "grpc-test", "1").clock(new StoppedClock()).build();
  private final ServingStatuses statuses = new ServingStatuses(process.readiness());

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  private static CheckState up(String name, long completedAt) {
    return new CheckState(name, CheckState.Reported.UP, null, null, 3, Instant.EPOCH, completedAt, MAX_AGE, 0, 1);
  }

  private static CheckState down(String name) {
    return new CheckState(name, CheckState.Reported.DOWN, FailureKind.REFUSED, "connection refused", 3,
      Instant.EPOCH, NOW, MAX_AGE, 1, 0);
  }

  private static CheckState pending(String name) {
    return new CheckState(name, CheckState.Reported.PENDING, null, "not checked yet", 0, null, 0, MAX_AGE, 0, 0);
  }

  private static HealthSnapshot snapshot(CheckState... states) {
    Map<String, CheckState> checks = new HashMap<>();
    for (String name : List.of("database", "redis", "openai", "anthropic")) {
      checks.put(name, up(name, NOW));
    }
    for (CheckState state : states) {
      checks.put(state.name(), state);
    }
    return new HealthSnapshot(GROUPS, checks);
  }

  private ServingStatus of(String name, HealthSnapshot snapshot) {
    return statuses.of(name, snapshot, NOW);
  }

  @Test
  void allUpServesUnderEveryName() {
    HealthSnapshot all = snapshot();
    for (String name : List.of("", "readiness", "liveness", "startup", "database", "redis", "llm_services", "openai",
      "anthropic")) {
      assertThat(of(name, all)).as(name).isEqualTo(SERVING);
    }
  }

  @Test
  void startingIsNotReadyAndNotStartedButLive() {
    HealthSnapshot starting = snapshot(pending("redis"));
    assertThat(of("", starting)).isEqualTo(NOT_SERVING);
    assertThat(of("readiness", starting)).isEqualTo(NOT_SERVING);
    assertThat(of("startup", starting)).isEqualTo(NOT_SERVING);
    assertThat(of("redis", starting)).isEqualTo(NOT_SERVING);
    assertThat(of("liveness", starting)).isEqualTo(SERVING);
    assertThat(of("database", starting)).isEqualTo(SERVING);
  }

  @Test
  void aCriticalCheckDownTakesTheEmptyNameAndReadinessDown() {
    HealthSnapshot error = snapshot(down("database"));
    assertThat(of("", error)).as("not Vert.x's SERVING-for-empty").isEqualTo(NOT_SERVING);
    assertThat(of("readiness", error)).isEqualTo(NOT_SERVING);
    assertThat(of("database", error)).isEqualTo(NOT_SERVING);
    assertThat(of("redis", error)).isEqualTo(SERVING);
    assertThat(of("liveness", error)).as("a database outage must not restart the pod").isEqualTo(SERVING);
    assertThat(of("startup", error)).isEqualTo(SERVING);
  }

  @Test
  void aNonCriticalCheckDownIsNotServingOnlyUnderItsOwnNames() {
    HealthSnapshot degraded = snapshot(down("anthropic"));
    assertThat(of("", degraded)).isEqualTo(SERVING);
    assertThat(of("readiness", degraded)).isEqualTo(SERVING);
    assertThat(of("llm_services", degraded)).isEqualTo(NOT_SERVING);
    assertThat(of("anthropic", degraded)).isEqualTo(NOT_SERVING);
    assertThat(of("openai", degraded)).isEqualTo(SERVING);
  }

  @Test
  void aStaleResultCountsAsDown() {
    HealthSnapshot stale = snapshot(up("redis", NOW - MAX_AGE - 1));
    assertThat(of("redis", stale)).isEqualTo(NOT_SERVING);
    assertThat(of("", stale)).isEqualTo(NOT_SERVING);
  }

  @Test
  void drainingTakesReadinessDownButNotLiveness() {
    process.startDraining();
    HealthSnapshot all = snapshot();
    assertThat(of("", all)).isEqualTo(NOT_SERVING);
    assertThat(of("readiness", all)).isEqualTo(NOT_SERVING);
    assertThat(of("liveness", all)).isEqualTo(SERVING);
    assertThat(of("database", all)).isEqualTo(SERVING);
  }

  @Test
  void anUnknownNameIsServiceUnknown() {
    assertThat(of("postgres", snapshot())).isEqualTo(SERVICE_UNKNOWN);
    assertThat(of("Readiness", snapshot())).as("names are case-sensitive").isEqualTo(SERVICE_UNKNOWN);
  }

  @Test
  void namesListEveryProbeGroupAndCheck() {
    assertThat(ServingStatuses.names(snapshot())).containsExactly("", "liveness", "readiness", "startup",
      "database", "redis", "llm_services", "openai", "anthropic");
  }

  /** Liveness reads the event-loop watch; with no loop watched it is healthy at any time. */
  private static final class StoppedClock implements MonitorClock {
    @Override
    public long nanoTime() {
      return NOW;
    }

    @Override
    public Instant now() {
      return Instant.EPOCH;
    }

    @Override
    public long setTimer(long delayMs, Handler<Long> handler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean cancelTimer(long id) {
      return false;
    }
  }
}
