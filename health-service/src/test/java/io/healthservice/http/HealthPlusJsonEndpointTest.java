package io.healthservice.http;

import io.healthservice.support.FakeLlmApi;
import io.healthservice.support.HealthDraftFormat;
import io.healthservice.support.RunningService;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a health+json consumer (Gatus, a blackbox CEL rule) sees in every state, over real servers. */
class HealthPlusJsonEndpointTest extends ServiceTest {

  private static final String TOKEN = "details-token-for-tests-0002";
  private static final String[] ACCEPT = {"Accept", "application/health+json"};

  @BeforeEach
  void configure() {
    fixture.env.put("HEALTH_DETAILS_TOKEN", TOKEN);
  }

  /** GET with health+json on both probes: the draft's rules hold, and the answer is labelled as such. */
  private JsonObject draft(String path, String... headers) throws Exception {
    Probe probe = service.get(path, headers);
    assertThat(probe.header("content-type")).as(path).isEqualTo("application/health+json");
    assertThat(probe.header("vary")).as(path).isEqualTo("Accept");
    JsonObject body = probe.json();
    assertThat(HealthDraftFormat.violations(probe.status(), body)).as(path + " " + body.encode()).isEmpty();
    return body.put("http", probe.status());
  }

  @Test
  void okIsPassAndTheSeedShapeStaysTheDefault() throws Exception {
    service = fixture.start();
    service.await("/health", p -> p.status() == 200);
    for (String path : List.of("/health", "/health/ready")) {
      JsonObject body = draft(path, ACCEPT);
      assertThat(body.getString("status")).isEqualTo("pass");
      assertThat(body.getInteger("http")).isEqualTo(200);
      assertThat(body.getString("serviceId")).isEqualTo("ai-chatrooms");
      JsonObject database = body.getJsonObject("checks").getJsonArray("database:responseTime").getJsonObject(0);
      assertThat(database.getString("componentType")).isEqualTo("datastore");
      assertThat(database.getString("observedUnit")).isEqualTo("ms");
      assertThat(database.getLong("observedValue")).isNotNegative();
    }
    assertThat(draft("/health?format=health+json").getString("status")).isEqualTo("pass");
    assertThat(draft("/health?format=health%2Bjson").getString("status")).isEqualTo("pass");

    for (String[] headers : List.of(new String[0], new String[] {"Accept", "*/*"}, new String[] {"Accept", "application/json"})) {
      Probe seed = service.get("/health", headers);
      assertThat(seed.header("content-type")).isEqualTo("application/json");
      assertThat(seed.header("vary")).isEqualTo("Accept");
      assertThat(seed.json().fieldNames()).containsExactly("status", "service", "version", "dependencies", "uptime", "timestamp");
    }
    Probe head = service.send("HEAD", "/health", ACCEPT);
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-type")).isEqualTo("application/health+json");
    assertThat(head.body()).isEmpty();
  }

  @Test
  void criticalDownIsFailAndOnlyAuthorisedCallersSeeTheReason() throws Exception {
    service = fixture.start();
    fixture.redis.set(Mode.REFUSE);
    service.await("/health", p -> p.status() == 503);
    for (String path : List.of("/health?verbose", "/health/ready?verbose")) {
      JsonObject anonymous = draft(path, ACCEPT);
      assertThat(anonymous.getString("status")).isEqualTo("fail");
      assertThat(anonymous.getInteger("http")).isEqualTo(503);
      assertThat(anonymous.encode()).doesNotContain("output", "refused");
      JsonObject authorised = draft(path, "Accept", "application/health+json", "Authorization", "Bearer " + TOKEN);
      assertThat(authorised.getString("output")).isEqualTo("redis: connection refused");
      assertThat(authorised.getJsonObject("checks").getJsonArray("redis:responseTime").getJsonObject(0)
        .getString("output")).isEqualTo("connection refused");
    }
    fixture.redis.set(Mode.FORWARD);
    service.await("/health", p -> p.status() == 200);
    assertThat(draft("/health", ACCEPT).getString("status")).isEqualTo("pass");
  }

  @Test
  void nonCriticalDownIsWarnAndStaysReady() throws Exception {
    service = fixture.start();
    fixture.llm.set(FakeLlmApi.Mode.FAIL_500);
    service.await("/health", p -> "degraded".equals(p.json().getString("status")));
    for (String path : List.of("/health", "/health/ready")) {
      JsonObject body = draft(path, ACCEPT);
      assertThat(body.getString("status")).as(path).isEqualTo("warn");
      assertThat(body.getInteger("http")).as(path).isEqualTo(200);
      assertThat(body.getJsonObject("checks").getJsonArray("llm_services:responseTime").getJsonObject(0)
        .getString("status")).isEqualTo("warn");
    }
  }

  @Test
  void startingAndDrainingAreFailOnReadiness() throws Exception {
    fixture.postgres.set(Mode.HANG);
    fixture.check("database").put("timeout", "1500ms");
    service = RunningService.start(fixture.config, fixture.env);
    JsonObject starting = draft("/health/ready", ACCEPT);
    assertThat(starting.getString("status")).isEqualTo("fail");
    assertThat(starting.getInteger("http")).isEqualTo(503);
    assertThat(starting.getJsonArray("notes")).containsExactly("starting");

    fixture.postgres.set(Mode.FORWARD);
    service.await("/health/ready", p -> p.status() == 200, Duration.ofSeconds(10), 1000);
    service.service().checker().startDraining();
    JsonObject draining = draft("/health/ready", ACCEPT);
    assertThat(draining.getString("status")).isEqualTo("fail");
    assertThat(draining.getInteger("http")).isEqualTo(503);
    assertThat(draining.getJsonArray("notes")).containsExactly("draining");
    assertThat(draft("/health", ACCEPT).getString("status")).isEqualTo("pass"); // the aggregate says what the dependencies say
  }
}
