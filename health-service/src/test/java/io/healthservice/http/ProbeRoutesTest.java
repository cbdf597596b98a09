package io.healthservice.http;

import io.healthservice.support.Eventually;
import io.healthservice.support.FakeLlmApi;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.LogCapture;
import io.healthservice.support.RunningService;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes and load-balancer probes, each against each dependency state. */
class ProbeRoutesTest extends ServiceTest {

  private static final String TOKEN = "details-token-for-tests-0001";
  private static final List<String> PROBES = List.of("/health", "/health/live", "/health/ready", "/health/started",
    "/health/database", "/health/redis", "/health/llm_services", "/health/openai", "/");


  @BeforeEach
  void configure() throws Exception {
    fixture.env.put("HEALTH_DETAILS_TOKEN", TOKEN);
  }


  private int status(String path) throws Exception {
    return service.get(path).status();
  }

  @Test
  void allUp() throws Exception {
    service = fixture.start();
    service.await("/health", p -> p.status() == 200);
    for (String path : PROBES) {
      Probe probe = service.get(path);
      assertThat(probe.status()).as(path).isEqualTo(200);
      assertThat(probe.json().getString("status")).as(path).isEqualTo("ok");
      assertThat(probe.elapsedMs()).as(path).isLessThan(1000);
    }
    assertThat(service.get("/health/redis").json()).isEqualTo(new JsonObject().put("status", "ok").put("check", "redis"));
  }

  @Test
  void criticalDown() throws Exception {
    service = fixture.start();
    fixture.redis.set(Mode.REFUSE);
    service.await("/health", p -> p.status() == 503);
    assertThat(status("/health/live")).isEqualTo(200); // never restart pods for a dependency outage
    assertThat(status("/health/started")).isEqualTo(200);
    assertThat(status("/health/ready")).isEqualTo(503);
    assertThat(status("/")).isEqualTo(503);
    assertThat(service.send("OPTIONS", "/").status()).isEqualTo(503); // HAProxy's bare "option httpchk"
    assertThat(service.send("OPTIONS", "/health").status()).isEqualTo(200);
    assertThat(status("/health/redis")).isEqualTo(503);
    assertThat(service.get("/health/redis").json().getString("status")).isEqualTo("error");
    assertThat(status("/health/database")).isEqualTo(200);
    assertThat(status("/health/llm_services")).isEqualTo(200);
  }

  @Test
  void nonCriticalDown() throws Exception {
    service = fixture.start();
    fixture.llm.set(FakeLlmApi.Mode.FAIL_500);
    service.await("/health", p -> "degraded".equals(p.json().getString("status")));
    assertThat(status("/health")).isEqualTo(200);
    assertThat(status("/health/ready")).isEqualTo(200); // degraded stays in rotation
    assertThat(status("/health/live")).isEqualTo(200);
    Probe llm = service.get("/health/llm_services");
    assertThat(llm.status()).isEqualTo(200);
    assertThat(llm.json().getString("status")).isEqualTo("degraded");
    assertThat(service.get("/health/openai").json().getString("status")).isEqualTo("degraded");
  }

  @Test
  void hangingDependencyKeepsEveryProbeFast() throws Exception {
    service = fixture.start();
    fixture.postgres.set(Mode.HANG);
    fixture.llm.set(FakeLlmApi.Mode.HANG);
    service.await("/health/ready", p -> p.status() == 503, Duration.ofSeconds(5), 1000);
    long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < until) {
      for (String path : PROBES) {
        Probe probe = service.get(path);
        assertThat(probe.elapsedMs()).as(path).isLessThan(1000);
      }
    }
    assertThat(status("/health/live")).isEqualTo(200);
    assertThat(status("/health/database")).isEqualTo(503);
    assertThat(status("/health/openai")).isEqualTo(200);
  }

  @Test
  void startupProbeIs503UntilTheFirstRoundCompletes() throws Exception {
    // Postgres hangs from the start with a 1.5 s budget: the first round cannot finish before then.
    fixture.postgres.set(Mode.HANG);
    fixture.check("database").put("timeout", "1500ms");
    fixture.config.put("details", "always");
    service = RunningService.start(fixture.config, fixture.env);
    Probe verbose = service.get("/health?verbose");
    assertThat(verbose.status()).isEqualTo(503);
    JsonObject database = verbose.json().getJsonObject("details").getJsonObject("database");
    assertThat(database.getString("reason")).isEqualTo("not checked yet");
    assertThat(database.getString("failure_kind")).isEqualTo("pending");
    assertThat(database.getValue("last_checked")).isNull();
    Probe started = service.get("/health/started");
    assertThat(started.status()).isEqualTo(503);
    assertThat(started.json().getString("reason")).isEqualTo("starting");
    Probe ready = service.get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().getString("reason")).isEqualTo("starting");
    assertThat(status("/health/live")).isEqualTo(200);

    service.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(5), 1000);
    assertThat(status("/health/ready")).isEqualTo(503); // started, but the database is down
    fixture.postgres.set(Mode.FORWARD);
    service.await("/health/ready", p -> p.status() == 200);
  }

  @Test
  void unknownCheckIs404Json() throws Exception {
    service = fixture.start();
    Probe probe = service.get("/health/nosuchcheck");
    assertThat(probe.status()).isEqualTo(404);
    assertThat(probe.json().getString("error")).isEqualTo("unknown check");
    assertThat(service.get("/other").status()).isEqualTo(404);
    assertThat(service.get("/other").header("content-type")).isEqualTo("application/json");
  }

  @Test
  void excludeLeavesNamedChecksOut() throws Exception {
    service = fixture.start();
    fixture.redis.set(Mode.REFUSE);
    service.await("/health", p -> p.status() == 503);
    Probe health = service.get("/health?exclude=redis");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().getJsonObject("dependencies").fieldNames()).containsExactlyInAnyOrder("database", "llm_services");
    assertThat(status("/health/ready?exclude=redis")).isEqualTo(200);
    assertThat(status("/health/ready?exclude=database")).isEqualTo(503);
    Probe two = service.get("/health?exclude=redis&exclude=llm_services");
    assertThat(two.json().getJsonObject("dependencies").fieldNames()).containsExactly("database");
    // An LLM endpoint by name
    fixture.llm.set(FakeLlmApi.Mode.FAIL_500);
    service.await("/health?exclude=redis", p -> "degraded".equals(p.json().getString("status")));
    assertThat(service.get("/health?exclude=redis&exclude=openai").json().getString("status")).isEqualTo("ok");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/health", "/health/live", "/health/ready", "/health/started", "/health/redis"})
  void optionsAnswers200AndOtherMethods405(String path) throws Exception {
    service = fixture.start();
    Probe options = service.send("OPTIONS", path);
    assertThat(options.status()).isEqualTo(200);
    assertThat(options.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      Probe refused = service.send(method, path);
      assertThat(refused.status()).as(method).isEqualTo(405);
      assertThat(refused.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
      assertThat(refused.json().getString("error")).isEqualTo("method not allowed");
    }
    Probe head = service.send("HEAD", path);
    assertThat(head.status()).isEqualTo(service.get(path).status());
    assertThat(head.body()).isEmpty();
  }

  @Test
  void verboseNeedsTheRightTokenByDefault() throws Exception {
    service = fixture.start();
    fixture.redis.set(Mode.REFUSE);
    service.await("/health", p -> p.status() == 503);
    // The run that meets the pooled connection being cut says "connection closed by peer"; the next, "refused".
    Probe authorized = Eventually.until("redis refused in the authorized details", Duration.ofSeconds(5),
      () -> service.get("/health?verbose", "Authorization", "Bearer " + TOKEN),
      p -> "connection refused".equals(p.json().getJsonObject("details").getJsonObject("redis").getString("reason")));
    JsonObject details = authorized.json().getJsonObject("details");
    assertThat(details).isNotNull();
    JsonObject redis = details.getJsonObject("redis");
    assertThat(redis.getString("status")).isEqualTo("error");
    assertThat(redis.getString("reason")).isEqualTo("connection refused");
    assertThat(redis.getLong("latency_ms")).isNotNull();
    assertThat(redis.getString("last_checked")).matches("\\d{4}-.*Z");
    assertThat(redis.getInteger("consecutive_failures")).isPositive();
    assertThat(details.getJsonObject("llm_services").getJsonObject("endpoints").getJsonObject("openai")
      .getString("status")).isEqualTo("ok");

    for (String[] headers : List.of(new String[] {"Authorization", "Bearer wrong-token-000000000000"},
      new String[] {"Authorization", "Basic " + TOKEN}, new String[0])) {
      Probe probe = service.get("/health?verbose", headers);
      assertThat(probe.status()).isEqualTo(503);
      assertThat(probe.json().containsKey("details")).as(String.join(" ", headers)).isFalse();
      assertThat(probe.json().fieldNames()).containsExactly("status", "service", "version", "dependencies", "uptime", "timestamp");
    }
    assertThat(service.get("/health", "Authorization", "Bearer " + TOKEN).json().containsKey("details")).isFalse();
    assertThat(service.get("/health/redis?verbose", "Authorization", "Bearer " + TOKEN).json()
      .getJsonObject("details").getJsonObject("redis").getString("reason")).isEqualTo("connection refused");
  }

  @Test
  void detailsAlwaysShowsThemToEveryone() throws Exception {
    fixture.config.put("details", "always");
    service = fixture.start();
    assertThat(service.get("/health?verbose").json().getJsonObject("details").fieldNames())
      .containsExactly("database", "redis", "llm_services");
    assertThat(service.get("/health").json().containsKey("details")).isFalse();
  }

  @Test
  void detailsNeverHidesThemEvenWithTheToken() throws Exception {
    fixture.config.put("details", "never");
    service = fixture.start();
    assertThat(service.get("/health?verbose", "Authorization", "Bearer " + TOKEN).json().containsKey("details")).isFalse();
  }

  @Test
  void timeoutIsReportedInDetails() throws Exception {
    fixture.config.put("details", "always");
    service = fixture.start();
    fixture.postgres.set(Mode.HANG);
    // The steady reason: the first run may meet its pooled connection being cut as the proxy starts to hang.
    Probe probe = service.await("/health/database?verbose", p -> p.status() == 503
      && "timeout after 500 ms".equals(p.json().getJsonObject("details").getJsonObject("database").getString("reason")),
      Duration.ofSeconds(5), 1000);
    assertThat(probe.json().getJsonObject("details").getJsonObject("database").getString("reason"))
      .isEqualTo("timeout after 500 ms");
  }

  @Test
  void failureThresholdDelaysDownAndSuccessThresholdDelaysUp() throws Exception {
    fixture.config.put("details", "always");
    fixture.check("redis").put("failure_threshold", 3).put("success_threshold", 2);
    service = fixture.start();
    fixture.redis.set(Mode.REFUSE);
    List<JsonObject> seen = new ArrayList<>();
    service.await("/health/redis?verbose", p -> {
      JsonObject redis = p.json().getJsonObject("details").getJsonObject("redis");
      seen.add(redis);
      return "error".equals(redis.getString("status"));
    });
    // While fewer than 3 failures in a row were seen, it still reported ok; it went down at the 3rd.
    assertThat(seen).anyMatch(r -> r.getInteger("consecutive_failures") > 0 && r.getString("status").equals("ok"));
    assertThat(seen).allMatch(r -> r.getString("status").equals("ok") == (r.getInteger("consecutive_failures") < 3));

    seen.clear();
    fixture.redis.set(Mode.FORWARD);
    service.await("/health/redis?verbose", p -> {
      JsonObject redis = p.json().getJsonObject("details").getJsonObject("redis");
      seen.add(redis);
      return "ok".equals(redis.getString("status"));
    });
    assertThat(seen).anyMatch(r -> r.getInteger("consecutive_successes") == 1 && r.getString("status").equals("error"));
    assertThat(seen).allMatch(r -> r.getString("status").equals("ok") == (r.getInteger("consecutive_successes") >= 2));
  }

  @Test
  void eachStateChangeIsLoggedOnceNotPerProbe() throws Exception {
    try (LogCapture logs = LogCapture.install()) {
      service = fixture.start();
      service.await("/health", p -> p.status() == 200);
      // How the first run went is the machine's business (a loaded one may time out once): count from "ok".
      int before = redisLines(logs).size();
      assertThat(redisLines(logs).get(0)).contains("health.monitor check=redis from=pending to=");
      fixture.redis.set(Mode.REFUSE);
      service.await("/health", p -> p.status() == 503);
      double runs = service.runs("redis");
      for (int i = 0; i < 100; i++) {
        service.get("/health");
      }
      service.awaitRuns("redis", runs, 3, Duration.ofSeconds(5)); // several more failed runs
      fixture.redis.set(Mode.FORWARD);
      service.await("/health", p -> p.status() == 200);
      List<String> lines = redisLines(logs).subList(before, redisLines(logs).size());
      assertThat(lines).hasSize(2);
      // The run that meets the pooled connection being cut says so; later runs are refused (no new line).
      assertThat(lines.get(0)).containsPattern(
        "WARNING health.monitor check=redis from=ok to=down reason=\"connection (refused|closed by peer)\"");
      assertThat(lines.get(1)).contains("INFO health.monitor check=redis from=down to=ok");
    }
  }

  private static List<String> redisLines(LogCapture logs) {
    return logs.lines().stream().filter(l -> l.contains("check=redis from=")).toList();
  }

}
