package io.healthservice.metrics;

import io.healthservice.support.Eventually;
import io.healthservice.support.Exposition;
import io.healthservice.support.FakeLlmApi;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.TcpProxy.Mode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics, read the way Prometheus reads it: the values follow the dependencies down and back up. */
class MetricsEndpointTest extends ServiceTest {




  private Exposition scrape() throws Exception {
    Probe probe = service.get("/metrics");
    assertThat(probe.status()).isEqualTo(200);
    return new Exposition(probe.body());
  }

  private Exposition awaitMetrics(Predicate<Exposition> condition) throws Exception {
    return Eventually.until("metrics matching", Duration.ofSeconds(10), this::scrape, condition);
  }

  @Test
  void exposesTheHealthStateAndTheRuntime() throws Exception {
    service = fixture.start();
    Probe probe = service.get("/metrics");
    assertThat(probe.header("content-type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    Exposition m = awaitMetrics(e -> e.value("health_check_duration_seconds_count", "check", "redis") >= 1);
    assertThat(m.value("health_check_status", "check", "database")).isEqualTo(1.0);
    assertThat(m.value("health_check_status", "check", "redis", "critical", "true", "group", "redis")).isEqualTo(1.0);
    assertThat(m.value("health_check_status", "check", "openai", "critical", "false", "group", "llm_services")).isEqualTo(1.0);
    assertThat(m.value("health_status")).isEqualTo(1.0);
    assertThat(m.value("health_build_info", "version", System.getProperty("expected.version"), "service", "ai-chatrooms"))
      .isEqualTo(1.0);
    // No failure yet, no failure series; durations as count, sum and max unless metrics.check_histograms is set.
    assertThat(m.value("health_check_failures_total", "check", "redis", "reason", "timeout")).isNull();
    assertThat(m.value("health_check_duration_seconds_bucket", "check", "database", "le", "0.005")).isNull();
    assertThat(m.value("health_check_duration_seconds_max", "check", "database")).isNotNull();
    assertThat(m.value("health_check_runs_waiting")).isZero();
    assertThat(m.value("process_uptime_seconds")).isPositive();
    assertThat(m.has("jvm_memory_used_bytes")).isTrue();
    assertThat(m.has("vertx_pool_in_use")).isTrue();
  }

  @Test
  void valuesFollowADependencyDownAndBack() throws Exception {
    service = fixture.start();
    fixture.redis.set(Mode.REFUSE);
    // The failure series appears with the first failure; await both, a scrape may fall between a gauge and it.
    Exposition down = awaitMetrics(e -> e.value("health_check_status", "check", "redis") == 0.0
      && e.valueOr(0, "health_check_failures_total", "check", "redis", "reason", "refused") > 0);
    assertThat(down.value("health_status")).isEqualTo(0.0);
    assertThat(down.value("health_check_failures_total", "check", "redis", "reason", "refused"))
      .as(service.get("/health/redis?verbose").body() + " " + service.get("/metrics").body().lines()
        .filter(l -> l.startsWith("health_check_failures_total{check=\"redis\"")).toList())
      .isPositive();
    assertThat(down.value("health_state_changes_total", "check", "redis")).isEqualTo(1.0);
    assertThat(down.value("health_check_status", "check", "database")).isEqualTo(1.0);

    fixture.redis.set(Mode.FORWARD);
    Exposition up = awaitMetrics(e -> e.value("health_check_status", "check", "redis") == 1.0);
    assertThat(up.value("health_status")).isEqualTo(1.0);
    assertThat(up.value("health_state_changes_total", "check", "redis")).isEqualTo(2.0);
  }

  @Test
  void llmFailureIsDegradedWithItsReason() throws Exception {
    service = fixture.start();
    fixture.llm.set(FakeLlmApi.Mode.FAIL_500);
    Exposition m = awaitMetrics(e -> e.value("health_check_status", "check", "openai") == 0.0
      && e.valueOr(0, "health_check_failures_total", "check", "openai", "reason", "http_status") > 0);
    assertThat(m.value("health_status")).isEqualTo(0.5);
    assertThat(m.value("health_check_failures_total", "check", "openai", "reason", "http_status")).isPositive();
  }

  @Test
  void timeoutsAndStaleResultsAreCountedByReason() throws Exception {
    // failure_threshold 2: the run that meets its pooled connection cut as the proxy starts to hang must not turn
    // the check down before the hung run that follows lets its result go stale.
    fixture.check("database").put("interval", "100ms").put("timeout", "2s").put("max_age", "300ms")
      .put("failure_threshold", 2);
    fixture.check("redis").put("timeout", "300ms");
    service = fixture.start();
    fixture.postgres.set(Mode.HANG);
    fixture.redis.set(Mode.HANG);
    Exposition m = awaitMetrics(e -> e.valueOr(0, "health_check_failures_total", "check", "database", "reason", "stale") >= 1
      && e.valueOr(0, "health_check_failures_total", "check", "redis", "reason", "timeout") >= 1
      // A hung run lasts its whole timeout (the first failure may be the pooled connection cut as the hang began).
      && e.valueOr(0, "health_check_duration_seconds_max", "check", "redis") >= 0.3);
    assertThat(m.value("health_check_status", "check", "database")).isZero();
    assertThat(m.value("health_check_duration_seconds_max", "check", "redis")).isGreaterThanOrEqualTo(0.3);
  }

  @Test
  void noSecretOrUrlInAnyLabel() throws Exception {
    fixture.check("llm_services").getJsonArray("endpoints").getJsonObject(0).put("api_key", "sk-label-secret-42");
    service = fixture.start();
    fixture.redis.set(Mode.REFUSE);
    Exposition m = awaitMetrics(e -> e.value("health_check_status", "check", "redis") == 0.0);
    for (String value : m.labelValues()) {
      assertThat(value).doesNotContain("://", "127.0.0.1", "localhost", "sk-label-secret", "@");
    }
    assertThat(service.get("/metrics").body()).doesNotContain("sk-label-secret", fixture.llm.baseUrl());
  }

  @Test
  void scrapingDoesNoDependencyIo() throws Exception {
    fixture.check("llm_services").put("interval", "1s");
    service = fixture.start();
    int before = fixture.llm.requests();
    long start = System.nanoTime();
    for (int i = 0; i < 50; i++) {
      scrape();
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertThat(fixture.llm.requests() - before).isLessThanOrEqualTo((int) seconds + 2);
  }

  @Test
  void openMetricsWhenAskedFor() throws Exception {
    service = fixture.start();
    Probe probe = service.get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    assertThat(probe.header("content-type")).startsWith("application/openmetrics-text; version=1.0.0");
    assertThat(probe.body()).endsWith("# EOF\n").contains("health_check_status{");
  }
}
