package io.healthservice.impl.http;

import io.healthservice.CertificateExpiry;
import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.HealthSnapshot;
import io.healthservice.impl.monitor.HealthReport;
import io.healthservice.support.HealthDraftFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The health+json renderer on hand-made snapshots, judged at chosen instants (milliseconds, no servers). */
class HealthPlusJsonTest {

  private static final long MS = 1_000_000L;
  private static final long NOW = 100_000 * MS;
  private static final long EPOCH_MS = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli();
  private static final Instant CHECKED = Instant.parse("2026-11-24T11:59:59.500Z");
  private static final List<DependencyGroup> GROUPS = List.of(new DependencyGroup("database", true, List.of("database")),
    new DependencyGroup("redis", true, List.of("redis")),
    new DependencyGroup("llm_services", false, List.of("openai", "anthropic")));

  private final HealthPlusJson renderer = new HealthPlusJson(new ServiceIdentity("ai-chatrooms", "1.4.2", NOW - 1_234_500 * MS),
    check -> Map.of("database", "datastore", "redis", "datastore").getOrDefault(check, "component"));

  private static CheckState up(String name, long latencyMs) {
    return new CheckState(name, CheckState.Reported.UP, null, null, latencyMs, CHECKED, NOW - 500 * MS, 5_000 * MS, 0, 3);
  }

  private static CheckState down(String name, String reason) {
    return new CheckState(name, CheckState.Reported.DOWN, FailureKind.REFUSED, reason, 2, CHECKED, NOW - 500 * MS, 5_000 * MS, 3, 0);
  }

  private JsonObject render(boolean details, String notReady, CheckState... states) {
    Map<String, CheckState> checks = new java.util.HashMap<>();
    for (String name : List.of("database", "redis", "openai", "anthropic")) {
      checks.put(name, up(name, 3));
    }
    for (CheckState state : states) {
      checks.put(state.name(), state);
    }
    HealthReport report = HealthReport.evaluate(new HealthSnapshot(GROUPS, checks), NOW);
    JsonObject body = new JsonObject(renderer.render(report, notReady, details, NOW, EPOCH_MS));
    int http = notReady != null || "fail".equals(body.getString("status")) ? 503 : 200;
    assertThat(HealthDraftFormat.violations(http, body)).as(body.encodePrettily()).isEmpty();
    return body;
  }

  @Test
  void allUpIsPassWithOneArrayPerComponentAndAnUptimeEntry() {
    JsonObject body = render(true, null);
    assertThat(body.getString("status")).isEqualTo("pass");
    assertThat(body.getString("version")).isEqualTo("1");
    assertThat(body.getString("releaseId")).isEqualTo("1.4.2");
    assertThat(body.getString("serviceId")).isEqualTo("ai-chatrooms");
    assertThat(body.getString("description")).isEqualTo("health of ai-chatrooms");
    assertThat(body.containsKey("output")).isFalse();
    JsonObject checks = body.getJsonObject("checks");
    assertThat(checks.fieldNames()).containsExactlyInAnyOrder("database:responseTime", "redis:responseTime",
      "llm_services:responseTime", "uptime");
    JsonObject database = checks.getJsonArray("database:responseTime").getJsonObject(0);
    assertThat(database).isEqualTo(new JsonObject().put("componentId", "database").put("componentType", "datastore")
      .put("observedValue", 3).put("observedUnit", "ms").put("status", "pass").put("time", "2026-11-24T11:59:59.500Z"));
    JsonArray llm = checks.getJsonArray("llm_services:responseTime");
    assertThat(llm).hasSize(2);
    assertThat(llm.getJsonObject(1).getString("componentId")).isEqualTo("anthropic");
    assertThat(llm.getJsonObject(1).getString("componentType")).isEqualTo("component");
    JsonObject uptime = checks.getJsonArray("uptime").getJsonObject(0);
    assertThat(uptime.getString("componentType")).isEqualTo("system");
    assertThat(uptime.getDouble("observedValue")).isEqualTo(1234.5);
    assertThat(uptime.getString("observedUnit")).isEqualTo("s");
    assertThat(uptime.getString("time")).isEqualTo("2026-11-24T12:00:00.000Z");
  }

  @Test
  void criticalDownIsFailWithOutputOnlyWhenDetailsAreGranted() {
    JsonObject granted = render(true, null, down("redis", "connection refused"));
    assertThat(granted.getString("status")).isEqualTo("fail");
    assertThat(granted.getString("output")).isEqualTo("redis: connection refused");
    JsonObject redis = granted.getJsonObject("checks").getJsonArray("redis:responseTime").getJsonObject(0);
    assertThat(redis.getString("status")).isEqualTo("fail");
    assertThat(redis.getString("output")).isEqualTo("connection refused");

    JsonObject refused = render(false, null, down("redis", "connection refused"));
    assertThat(refused.getString("status")).isEqualTo("fail");
    assertThat(refused.encode()).doesNotContain("output", "refused");
    assertThat(refused.getJsonObject("checks").getJsonArray("redis:responseTime").getJsonObject(0).getString("status"))
      .isEqualTo("fail");
  }

  @Test
  void nonCriticalDownIsWarnOnlyForThatInstance() {
    JsonObject body = render(true, null, down("openai", "HTTP 500"));
    assertThat(body.getString("status")).isEqualTo("warn");
    assertThat(body.getString("output")).isEqualTo("openai: HTTP 500");
    JsonArray llm = body.getJsonObject("checks").getJsonArray("llm_services:responseTime");
    assertThat(llm.getJsonObject(0).getString("status")).isEqualTo("warn");
    assertThat(llm.getJsonObject(1).getString("status")).isEqualTo("pass");
    assertThat(llm.getJsonObject(1).containsKey("output")).isFalse();
  }

  @Test
  void aResultOlderThanItsMaxAgeFails() {
    CheckState old = new CheckState("database", CheckState.Reported.UP, null, null, 3, CHECKED, NOW - 6_000 * MS,
      5_000 * MS, 0, 3);
    JsonObject body = render(true, null, old);
    assertThat(body.getString("status")).isEqualTo("fail");
    assertThat(body.getString("output")).isEqualTo("database: stale: no result for 6000 ms");
  }

  @Test
  void startingIsFailWithANoteForEveryoneAndNoReadingForPendingChecks() {
    CheckState pending = new CheckState("database", CheckState.Reported.PENDING, null, "not checked yet", 0, null, 0,
      5_000 * MS, 0, 0);
    JsonObject body = render(false, "starting", pending);
    assertThat(body.getString("status")).isEqualTo("fail");
    assertThat(body.getJsonArray("notes")).containsExactly("starting");
    assertThat(body.containsKey("output")).isFalse();
    JsonObject database = body.getJsonObject("checks").getJsonArray("database:responseTime").getJsonObject(0);
    assertThat(database.fieldNames()).containsExactlyInAnyOrder("componentId", "componentType", "status");
    assertThat(render(true, "starting", pending).getString("output")).isEqualTo("starting; database: not checked yet");
  }

  @Test
  void drainingFailsEvenWhenEverythingIsUp() {
    JsonObject body = render(false, "draining");
    assertThat(body.getString("status")).isEqualTo("fail");
    assertThat(body.getJsonArray("notes")).containsExactly("draining");
  }

  @Test
  void aCertificateCloseToItsEndWarnsInItsOwnEntryWithoutFailingTheCheck() {
    CertificateExpiry soon = CertificateExpiry.at(CHECKED.plus(Duration.ofDays(9).plusHours(1)), CHECKED, Duration.ofDays(14));
    JsonObject body = render(true, null, up("redis", 2).withCertificate(soon));
    assertThat(body.getString("status")).isEqualTo("pass");
    JsonObject redis = body.getJsonObject("checks").getJsonArray("redis:certificateExpiry").getJsonObject(0);
    assertThat(redis.getString("status")).isEqualTo("warn");
    assertThat(redis.getLong("observedValue")).isEqualTo(9);
    assertThat(redis.getString("observedUnit")).isEqualTo("d");
    assertThat(redis.getString("output")).isEqualTo("certificate expires in 9 days");
    assertThat(body.getJsonObject("checks").containsKey("database:certificateExpiry")).isFalse();
    assertThat(render(false, null, up("redis", 2).withCertificate(soon)).encode()).doesNotContain("output");
  }

  @Test
  void componentNamesNeverCarryTheKeySeparator() {
    HealthPlusJson colons = new HealthPlusJson(new ServiceIdentity("svc", "2", 0), check -> "component");
    HealthSnapshot snapshot = new HealthSnapshot(List.of(new DependencyGroup("cache:eu", true, List.of("cache:eu"))),
      Map.of("cache:eu", up("cache:eu", 1)));
    JsonObject body = new JsonObject(colons.render(HealthReport.evaluate(snapshot, NOW), null, false, NOW, EPOCH_MS));
    assertThat(body.getJsonObject("checks").fieldNames()).contains("cache_eu:responseTime");
    assertThat(body.getString("version")).isEqualTo("2");
  }
}
