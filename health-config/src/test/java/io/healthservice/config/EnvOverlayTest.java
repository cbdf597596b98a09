package io.healthservice.config;

import io.healthservice.DetailsVisibility;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvOverlayTest {

  @Test
  void aVariableWinsOverTheFileAndAnEmptyOneIsUnset() {
    JsonObject file = new JsonObject().put("http", new JsonObject().put("port", 9000));
    assertThat(ConfigLoader.load(file, Map.of("HTTP_PORT", "8123")).http().port()).isEqualTo(8123);
    assertThat(ConfigLoader.load(file, Map.of("HTTP_PORT", " ")).http().port()).isEqualTo(9000);
  }

  @Test
  void errorsNameWhereTheValueCameFrom() {
    JsonObject file = new JsonObject().put("shutdown", new JsonObject().put("drain", "soon"));
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).hasMessageStartingWith("shutdown.drain: ");
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject(), Map.of("SHUTDOWN_DRAIN", "soon")))
      .hasMessageStartingWith("SHUTDOWN_DRAIN: ");
    // A valid variable hides an invalid file value: only what is used is validated.
    assertThat(ConfigLoader.load(file, Map.of("SHUTDOWN_DRAIN", "1s")).drain()).hasSeconds(1);
  }

  @Test
  void detailsWrittenAsTextIsTheVisibilityAndTheVariableStillWins() {
    JsonObject file = new JsonObject().put("details", "always");
    assertThat(ConfigLoader.load(file, Map.of()).details().visibility()).isEqualTo(DetailsVisibility.ALWAYS);
    assertThat(ConfigLoader.load(file, Map.of("HEALTH_DETAILS", "never")).details().visibility())
      .isEqualTo(DetailsVisibility.NEVER);
  }

  @Test
  void theParsedTreeIsNeverEdited() {
    // Sections absent, present, and in the text shorthand; variables that override keys in each.
    JsonObject file = new JsonObject()
      .put("http", new JsonObject().put("port", 9000))
      .put("checks", new JsonObject().put("redis", new JsonObject().put("interval", "2s")))
      .put("details", "always");
    JsonObject before = file.copy();
    Map<String, String> env = Map.of("HTTP_PORT", "8123", "SERVICE_NAME", "from-env", "DATABASE_URL",
      "postgresql://app:pw@db:5432/app", "REDIS_MODE", "cluster", "HEALTH_DETAILS", "never", "SHUTDOWN_DRAIN", "0");
    ServiceConfig first = ConfigLoader.load(file, env);
    assertThat(file).isEqualTo(before);
    assertThat(file.fieldNames()).containsExactlyInAnyOrder("http", "checks", "details");
    ServiceConfig second = ConfigLoader.load(file, env);
    assertThat(file).isEqualTo(before);
    assertThat(second).isEqualTo(first);
    assertThat(ConfigLoader.load(file, Map.of()).http().port()).isEqualTo(9000);
  }
}
