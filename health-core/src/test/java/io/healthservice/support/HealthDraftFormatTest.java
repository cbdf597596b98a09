package io.healthservice.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The format checker itself catches what the draft forbids: otherwise the tests that use it could not fail. */
class HealthDraftFormatTest {

  private static JsonObject check(String status) {
    return new JsonObject().put("componentType", "datastore").put("status", status).put("time", "2026-11-24T12:00:00Z");
  }

  @Test
  void acceptsAValidBody() {
    JsonObject body = new JsonObject().put("status", "warn").put("output", "openai: HTTP 500")
      .put("checks", new JsonObject().put("db:responseTime", new JsonArray().add(check("pass"))));
    assertThat(HealthDraftFormat.violations(200, body)).isEmpty();
  }

  @Test
  void reportsEachBrokenRule() {
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "ok"))).hasSize(1);
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "fail"))).hasSize(1);
    assertThat(HealthDraftFormat.violations(503, new JsonObject().put("status", "warn"))).hasSize(1);
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "pass").put("output", "x"))).hasSize(1);
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "pass").put("version", 1))).hasSize(1);
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "pass").put("notes", "x"))).hasSize(1);
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "pass").put("uptime", 3))).hasSize(1);
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "pass")
      .put("checks", new JsonObject().put("a:b:c", new JsonArray().add(check("pass")))))).hasSize(1);
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "pass")
      .put("checks", new JsonObject().put("db:responseTime", check("pass"))))).hasSize(1);
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "pass")
      .put("checks", new JsonObject().put("db", new JsonArray().add(check("up").put("time", "yesterday")
        .put("componentType", "database")))))).hasSize(3);
    assertThat(HealthDraftFormat.violations(200, new JsonObject().put("status", "pass")
      .put("checks", new JsonObject().put("db", new JsonArray().add(check("pass").put("output", "fine")))))).hasSize(1);
  }
}
