package io.healthservice.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tree built from the parser's events types scalars, resolves aliases and merge keys, and refuses what would lie. */
class YamlTextTest {

  private static JsonObject parse(String yaml) {
    return YamlText.parse(yaml, "HEALTH_CONFIG", "c.yaml");
  }

  @Test
  void scalarsAreTypedAsSnakeYamlsSafeConstructorTypesThem() {
    JsonObject tree = parse("""
      a: 10
      b: 2.5
      c: true
      d: off
      e: ~
      f: "10"
      g: 10s
      h: 2026-12-06T10:00:00Z
      i: 0x1F
      j: [1, two, {k: v}]
      """);
    assertThat(tree.getValue("a")).isEqualTo(10);
    assertThat(tree.getValue("b")).isEqualTo(2.5);
    assertThat(tree.getValue("c")).isEqualTo(true);
    assertThat(tree.getValue("d")).isEqualTo(false);
    assertThat(tree.containsKey("e")).isTrue();
    assertThat(tree.getValue("e")).isNull();
    assertThat(tree.getValue("f")).isEqualTo("10");
    assertThat(tree.getValue("g")).isEqualTo("10s");
    assertThat(tree.getValue("h")).isEqualTo("2026-12-06T10:00:00Z");
    assertThat(tree.getValue("i")).isEqualTo(31);
    assertThat(tree.getJsonArray("j").encode()).isEqualTo("[1,\"two\",{\"k\":\"v\"}]");
  }

  @Test
  void anchorsAliasesAndMergeKeysShareDefaultsBetweenChecks() {
    JsonObject tree = parse("""
      defaults: &defaults {interval: 10s, timeout: 2s, critical: false}
      checks:
        a: {<<: *defaults, type: tcp, url: "tcp://a:1"}
        b:
          <<: [{timeout: 5s}, *defaults]
          type: tcp
          timeout: 1s
        c: *defaults
      """);
    JsonObject checks = tree.getJsonObject("checks");
    assertThat(checks.getJsonObject("a").getMap())
      .containsEntry("interval", "10s").containsEntry("timeout", "2s").containsEntry("type", "tcp");
    // Keys of the mapping win, then earlier merged mappings.
    assertThat(checks.getJsonObject("b").getMap()).containsEntry("timeout", "1s").containsEntry("interval", "10s");
    checks.getJsonObject("c").put("interval", "1m");
    assertThat(tree.getJsonObject("defaults").getString("interval")).as("an alias is a copy").isEqualTo("10s");
  }

  @Test
  void aKeyGivenTwiceIsRefusedEvenWhenWrittenDifferently() {
    assertThatThrownBy(() -> parse("checks:\n  a: {x: 1}\n  b: {true: 1, on: 2}\n"))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("checks.b.true").hasMessageContaining("is given twice").hasMessageContaining("lines 3 and 3");
    assertThatThrownBy(() -> parse("checks:\n  - {a: 1}\n  - {a: 1,\n     a: 2}\n"))
      .hasMessageContaining("checks[1].a").hasMessageContaining("lines 3 and 4");
  }

  @Test
  void shapesThatCannotBeConfigurationAreRefused() {
    assertThatThrownBy(() -> parse("a: 1\n---\nb: 2\n")).hasMessageContaining("expected a single document")
      .hasMessageContaining("line 2");
    assertThatThrownBy(() -> parse("a: *nowhere\n")).hasMessageContaining("cannot parse c.yaml as YAML").hasMessageNotContaining("nowhere");
    assertThatThrownBy(() -> parse("? [a, b]\n: 1\n")).hasMessageContaining("keys are text");
    assertThatThrownBy(() -> parse("a: {<<: 3}\n")).hasMessageContaining("merge key");
    assertThatThrownBy(() -> parse("just text\n")).hasMessageContaining("must be a mapping of settings at the top (line 1)");
    assertThat(parse("# nothing\n")).isEqualTo(new JsonObject());
  }

  @Test
  void aliasesOfCollectionsAreBounded() {
    StringBuilder yaml = new StringBuilder("base: &b [1, 2]\n");
    for (int i = 0; i < 21; i++) {
      yaml.append("k").append(i).append(": *b\n");
    }
    assertThatThrownBy(() -> parse(yaml.toString())).hasMessageContaining("more than 20 aliases");
  }
}
