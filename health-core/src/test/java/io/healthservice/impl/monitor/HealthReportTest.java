package io.healthservice.impl.monitor;

import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.HealthSnapshot;
import io.healthservice.HealthStatus;
import io.vertx.ext.healthchecks.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Aggregation of a snapshot judged at a given instant, and what the HealthChecks procedures make of it. */
class HealthReportTest {

  private static final long NOW = 1_000_000_000_000L;
  private static final long MAX_AGE = 10_000_000_000L;
  private static final List<DependencyGroup> GROUPS = List.of(
    new DependencyGroup("database", true, List.of("database")),
    new DependencyGroup("redis", true, List.of("redis")),
    new DependencyGroup("llm_services", false, List.of("openai", "anthropic")));

  private static CheckState up(String name) {
    return new CheckState(name, CheckState.Reported.UP, null, null, 3, Instant.EPOCH, NOW, MAX_AGE, 0, 1);
  }

  private static CheckState down(String name) {
    return new CheckState(name, CheckState.Reported.DOWN, FailureKind.REFUSED, "connection refused", 3,
      Instant.EPOCH, NOW, MAX_AGE, 1, 0);
  }

  private static HealthSnapshot snapshot(CheckState... states) {
    Map<String, CheckState> checks = new java.util.HashMap<>();
    for (String name : List.of("database", "redis", "openai", "anthropic")) {
      checks.put(name, up(name));
    }
    for (CheckState state : states) {
      checks.put(state.name(), state);
    }
    return new HealthSnapshot(GROUPS, checks);
  }

  private static HealthStatus status(HealthSnapshot snapshot, String... excluded) {
    return HealthReport.evaluate(snapshot, NOW, Set.of(excluded)).status();
  }

  @Test
  void allUpIsOk() {
    HealthReport report = HealthReport.evaluate(snapshot(), NOW);
    assertThat(report.status()).isEqualTo(HealthStatus.OK);
    assertThat(report.dependencies()).extracting(e -> e.group().name()).containsExactly("database", "redis", "llm_services");
  }

  @Test
  void aCriticalCheckDownIsErrorANonCriticalOneDegraded() {
    assertThat(status(snapshot(down("redis")))).isEqualTo(HealthStatus.ERROR);
    HealthReport degraded = HealthReport.evaluate(snapshot(down("anthropic")), NOW);
    assertThat(degraded.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(degraded.dependencies().get(2).status()).as("one endpoint down is the whole group").isEqualTo(HealthStatus.DEGRADED);
    assertThat(status(snapshot(down("anthropic"), down("database")))).as("the worst wins").isEqualTo(HealthStatus.ERROR);
  }

  @Test
  void excludedChecksAndGroupsAreLeftOut() {
    HealthSnapshot snapshot = snapshot(down("database"), down("anthropic"));
    assertThat(status(snapshot, "database")).isEqualTo(HealthStatus.DEGRADED);
    assertThat(status(snapshot, "database", "llm_services")).isEqualTo(HealthStatus.OK);
    assertThat(status(snapshot, "database", "anthropic")).as("a check inside a group").isEqualTo(HealthStatus.OK);
    assertThat(HealthReport.evaluate(snapshot, NOW, Set.of("openai", "anthropic")).dependencies())
      .as("a group whose checks are all excluded disappears")
      .extracting(e -> e.group().name()).containsExactly("database", "redis");
  }

  @Test
  void staleUpCountsAsDownAtReadTime() {
    HealthSnapshot snapshot = snapshot();
    assertThat(HealthReport.evaluate(snapshot, NOW + MAX_AGE).status()).isEqualTo(HealthStatus.OK);
    assertThat(HealthReport.evaluate(snapshot, NOW + MAX_AGE + 1).status()).isEqualTo(HealthStatus.ERROR);
  }

  @Test
  void proceduresSayUpOrDownWithTheKindButNeverTheReason() {
    assertThat(SnapshotProcedures.status(up("redis"), NOW).isOk()).isTrue();
    Status down = SnapshotProcedures.status(down("redis"), NOW);
    assertThat(down.isOk()).isFalse();
    assertThat(down.getData().encode()).isEqualTo("{\"kind\":\"refused\"}");
    assertThat(SnapshotProcedures.status(up("redis"), NOW + MAX_AGE + 1).getData().encode()).isEqualTo("{\"kind\":\"stale\"}");
    assertThat(SnapshotProcedures.status(CheckState.pending("redis", MAX_AGE), NOW).getData().encode())
      .isEqualTo("{\"kind\":\"pending\"}");
  }
}
