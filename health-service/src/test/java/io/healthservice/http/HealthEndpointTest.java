package io.healthservice.http;

import io.healthservice.support.Eventually;
import io.healthservice.support.FakeLlmApi;
import io.healthservice.support.Fixture;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /health} against the real Postgres and Redis (through proxies) and a fake LLM API: the
 * contract and the seed's named cases. Every other fault of every dependency is in FaultMatrixTest.
 */
class HealthEndpointTest extends ServiceTest {




  private Probe awaitHealth(String dependency, String value) throws Exception {
    return service.await("/health", p -> value.equals(p.dependency(dependency)));
  }

  @Test
  void allDependenciesUpAnswers200WithTheContractShape() throws Exception {
    service = fixture.start();
    Probe probe = service.await("/health", p -> p.status() == 200 && "ok".equals(p.json().getString("status")));

    JsonObject body = probe.json();
    assertThat(List.copyOf(body.fieldNames()))
      .containsExactly("status", "service", "version", "dependencies", "uptime", "timestamp");
    assertThat(body.getString("service")).isEqualTo("ai-chatrooms");
    assertThat(body.getString("version")).isEqualTo(System.getProperty("expected.version")).isNotBlank();
    assertThat(body.getJsonObject("dependencies").getMap())
      .containsExactly(java.util.Map.entry("database", "ok"), java.util.Map.entry("redis", "ok"),
        java.util.Map.entry("llm_services", "ok"));
    assertThat(body.getValue("uptime")).isInstanceOf(Number.class);
    assertThat(body.getDouble("uptime")).isBetween(0.0, 60.0);
    assertThat(body.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(Duration.between(Instant.parse(body.getString("timestamp")), Instant.now()).abs())
      .isLessThan(Duration.ofSeconds(5));
    assertThat(probe.header("content-type")).isEqualTo("application/json");
    assertThat(probe.header("cache-control")).isEqualTo("no-store");
  }

  @Test
  void uptimeGrows() throws Exception {
    service = fixture.start();
    long before = System.nanoTime();
    double first = service.get("/health").json().getDouble("uptime");
    double second = Eventually.until("uptime 0.25 s on", Duration.ofSeconds(5),
      () -> service.get("/health").json().getDouble("uptime"), uptime -> uptime - first >= 0.25);
    double elapsed = (System.nanoTime() - before) / 1e9;
    // It grows with real time, no faster (uptime is in whole milliseconds).
    assertThat(second - first).isBetween(0.25, elapsed + 0.001);
  }

  @Test
  void headAnswersTheSameStatusWithoutABody() throws Exception {
    service = fixture.start();
    service.await("/health", p -> p.status() == 200);
    Probe head = service.send("HEAD", "/health");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.header("content-type")).isEqualTo("application/json");

    fixture.redis.set(Mode.REFUSE);
    service.await("/health", p -> p.status() == 503);
    Probe down = service.send("HEAD", "/health");
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.body()).isEmpty();
  }

  @Test
  void redisRefusedIs503ThenRecoversWithoutRestart() throws Exception {
    service = fixture.start();
    awaitHealth("redis", "ok");

    fixture.redis.set(Mode.REFUSE);
    Probe down = awaitHealth("redis", "error");
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().getString("status")).isEqualTo("error");
    assertThat(down.dependency("database")).isEqualTo("ok");

    fixture.redis.set(Mode.FORWARD);
    Probe up = awaitHealth("redis", "ok");
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.json().getString("status")).isEqualTo("ok");
  }

  @Test
  void postgresHangingIs503WithinItsTimeoutWhileProbesStayFast() throws Exception {
    service = fixture.start();
    awaitHealth("database", "ok");

    long hungAt = System.nanoTime();
    fixture.postgres.set(Mode.HANG);
    // Every probe on the way must answer in < 1 s (Kubernetes' default probe timeout).
    Probe down = service.await("/health", p -> "error".equals(p.dependency("database")), Duration.ofSeconds(5), 1000);
    long detectedMs = (System.nanoTime() - hungAt) / 1_000_000;
    assertThat(down.status()).isEqualTo(503);
    // interval 200 ms + timeout 500 ms, plus scheduling slack on a noisy machine.
    assertThat(detectedMs).isLessThan(200 + 500 + 1000);

    // A long hang neither slows probes nor piles up connections to the hung server.
    long[] slowest = {0};
    int[] maxOpen = {0};
    Eventually.throughout(Duration.ofSeconds(3), Duration.ofMillis(20), () -> {
      Probe probe = service.get("/health");
      assertThat(probe.status()).isEqualTo(503);
      slowest[0] = Math.max(slowest[0], probe.elapsedMs());
      maxOpen[0] = Math.max(maxOpen[0], fixture.postgres.openConnections());
    });
    assertThat(slowest[0]).isLessThan(1000);
    assertThat(maxOpen[0]).isLessThanOrEqualTo(2);

    fixture.postgres.set(Mode.FORWARD);
    assertThat(awaitHealth("database", "ok").status()).isEqualTo(200);
  }

  @Test
  void llmServerErrorIsDegradedButStill200() throws Exception {
    service = fixture.start();
    awaitHealth("llm_services", "ok");
    fixture.llm.set(FakeLlmApi.Mode.FAIL_500);
    Probe probe = awaitHealth("llm_services", "degraded");
    assertThat(probe.status()).isEqualTo(200);
    assertThat(probe.json().getString("status")).isEqualTo("degraded");
    assertThat(probe.dependency("database")).isEqualTo("ok");
    fixture.llm.set(FakeLlmApi.Mode.OK);
    assertThat(awaitHealth("llm_services", "ok").json().getString("status")).isEqualTo("ok");
  }

  @Test
  void llmWrongKeyIsDegraded() throws Exception {
    fixture.check("llm_services").put("endpoints", new JsonArray().add(fixture.openAi("sk-test-wrong-key-9999")));
    service = fixture.start();
    Probe probe = awaitHealth("llm_services", "degraded");
    assertThat(probe.status()).isEqualTo(200);
    assertThat(probe.json().getString("status")).isEqualTo("degraded");
  }

  @Test
  void llmHangingIsDegradedAndProbesStayFast() throws Exception {
    service = fixture.start();
    awaitHealth("llm_services", "ok");
    fixture.llm.set(FakeLlmApi.Mode.HANG);
    Probe probe = service.await("/health", p -> "degraded".equals(p.dependency("llm_services")), Duration.ofSeconds(5), 1000);
    assertThat(probe.status()).isEqualTo(200);
  }

  @Test
  void runsOfOneCheckNeverOverlapEvenWhenItHangs() throws Exception {
    // Interval 50 ms, timeout 500 ms: overlapping runs would send ~40 requests in 2 s, serial ones ~4.
    fixture.check("llm_services").put("interval", "50ms").put("timeout", "500ms");
    fixture.llm.set(FakeLlmApi.Mode.HANG);
    service = fixture.start();
    // Seen within 5 ms of arriving: from the moment one run's request arrives, three more take three timeouts.
    int seen = fixture.llm.requests();
    int base = Eventually.until("the next run's request", Duration.ofSeconds(10), Duration.ofMillis(5),
      () -> fixture.llm.requests(), n -> n > seen);
    long from = System.nanoTime();
    Eventually.until("three more runs' requests", Duration.ofSeconds(10), Duration.ofMillis(5),
      () -> fixture.llm.requests(), n -> n >= base + 3);
    long threeRunsMs = (System.nanoTime() - from) / 1_000_000;
    // Serial: each run waits for the one before it to time out (500 ms); overlapping runs (every 50 ms) would send
    // three more requests within ~150 ms.
    assertThat(threeRunsMs).isGreaterThanOrEqualTo(3 * 500 - 20);
    assertThat(fixture.llm.requests() - base).as("one hanging run at a time").isLessThanOrEqualTo(4);
  }

  @Test
  void probesNeverTriggerDependencyIo() throws Exception {
    fixture.check("llm_services").put("interval", "1s");
    service = fixture.start();
    awaitHealth("llm_services", "ok");
    int before = fixture.llm.requests();
    long start = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      assertThat(service.get("/health").status()).isEqualTo(200);
    }
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    // 200 probes, and no more LLM calls than the scheduled runs (one per second) in the meantime.
    assertThat(fixture.llm.requests() - before).isLessThanOrEqualTo((int) seconds + 2);
  }

  @Test
  void everyLlmEndpointDownIsStillOnlyDegraded() throws Exception {
    fixture.check("llm_services").put("endpoints", new JsonArray()
      .add(fixture.openAi(Fixture.OPENAI_KEY)).add(fixture.anthropic(Fixture.ANTHROPIC_KEY)));
    service = fixture.start();
    awaitHealth("llm_services", "ok");
    fixture.llm.set(FakeLlmApi.Mode.FAIL_500);
    Probe probe = awaitHealth("llm_services", "degraded");
    assertThat(probe.status()).isEqualTo(200);
    assertThat(probe.json().getString("status")).isEqualTo("degraded");
  }

  @Test
  void anthropicPresetSendsItsHeaders() throws Exception {
    // The fake answers 400 without anthropic-version and 401 for a wrong x-api-key.
    fixture.check("llm_services").put("endpoints", new JsonArray().add(fixture.anthropic(Fixture.ANTHROPIC_KEY)));
    service = fixture.start();
    assertThat(awaitHealth("llm_services", "ok").status()).isEqualTo(200);
  }

  @Test
  void anthropicWrongKeyIsDegraded() throws Exception {
    fixture.check("llm_services").put("endpoints", new JsonArray().add(fixture.anthropic("sk-ant-wrong")));
    service = fixture.start();
    assertThat(awaitHealth("llm_services", "degraded").status()).isEqualTo(200);
  }

  @Test
  void withoutLlmEndpointsTheEntryIsAbsent() throws Exception {
    fixture.check("llm_services").remove("endpoints");
    service = fixture.start();
    Probe probe = service.await("/health", p -> p.status() == 200);
    assertThat(probe.json().getJsonObject("dependencies").fieldNames()).containsExactly("database", "redis");
  }

  @Test
  void criticalityIsConfigurablePerCheck() throws Exception {
    fixture.check("redis").put("critical", false);
    fixture.check("llm_services").put("critical", true);
    service = fixture.start();
    awaitHealth("redis", "ok");
    fixture.redis.set(Mode.REFUSE);
    Probe degraded = awaitHealth("redis", "degraded");
    assertThat(degraded.status()).isEqualTo(200);
    assertThat(degraded.json().getString("status")).isEqualTo("degraded");

    fixture.llm.set(FakeLlmApi.Mode.FAIL_500);
    Probe error = awaitHealth("llm_services", "error");
    assertThat(error.status()).isEqualTo(503);
  }

  @Test
  void aResultOlderThanItsMaxAgeCountsAsDown() throws Exception {
    // Timeout 5 s but max age 400 ms: while Postgres hangs, the last "ok" must expire long before the timeout.
    fixture.check("database").put("interval", "100ms").put("timeout", "5s").put("max_age", "400ms");
    service = fixture.start();
    awaitHealth("database", "ok");
    long hungAt = System.nanoTime();
    fixture.postgres.set(Mode.HANG);
    Probe stale = awaitHealth("database", "error");
    long afterMs = (System.nanoTime() - hungAt) / 1_000_000;
    assertThat(stale.status()).isEqualTo(503);
    assertThat(afterMs).isLessThan(4000);
  }

  @Test
  void downAtStartIsReportedNotFatal() throws Exception {
    fixture.postgres.set(Mode.REFUSE);
    fixture.redis.set(Mode.REFUSE);
    service = fixture.start();
    Probe probe = service.await("/health", p -> "error".equals(p.dependency("database")) && "error".equals(p.dependency("redis")));
    assertThat(probe.status()).isEqualTo(503);
    fixture.postgres.set(Mode.FORWARD);
    fixture.redis.set(Mode.FORWARD);
    assertThat(service.await("/health", p -> p.status() == 200).json().getString("status")).isEqualTo("ok");
  }
}
