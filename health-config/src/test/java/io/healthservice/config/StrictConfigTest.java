package io.healthservice.config;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration that cannot silently lie: typos in the environment, keys given twice, syntax errors, empty files. */
class StrictConfigTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private ServiceConfig read(Path dir, String yaml, Map<String, String> env) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), yaml);
    return ConfigReader.read(vertx, file, env).await(10, TimeUnit.SECONDS);
  }

  private ConfigException refused(Path dir, String yaml, Map<String, String> env) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> read(dir, yaml, env));
    assertThat(thrown).isInstanceOf(ConfigException.class);
    return (ConfigException) thrown;
  }

  private static final String ORDERS = "checks:\n  orders-db:\n    type: postgres\n    url: postgresql://orders@db:5432/orders\n";

  @Test
  void aVariableOfAKeyTheKindLacksStopsTheStartNamingIt(@TempDir Path dir) {
    ConfigException e = refused(dir, ORDERS, Map.of("HEALTH_CHECK_REDIS_INTERVALL", "30s"));
    assertThat(e.setting()).isEqualTo("HEALTH_CHECK_REDIS_INTERVALL");
    assertThat(e.getMessage()).contains("check redis has no such key").contains("interval");
  }

  @Test
  void aVariableThatMatchesNoCheckStopsTheStartNamingIt(@TempDir Path dir) {
    ConfigException e = refused(dir, ORDERS, Map.of("HEALTH_CHECK_ORDERSDB_URL", "postgresql://x@y:5432/z"));
    assertThat(e.setting()).isEqualTo("HEALTH_CHECK_ORDERSDB_URL");
    assertThat(e.getMessage()).contains("matches no check").contains("orders-db").doesNotContain("postgresql://x");
  }

  @Test
  void variablesThatAKindReadsAreAccepted(@TempDir Path dir) throws Exception {
    ServiceConfig config = read(dir, ORDERS, Map.of("HEALTH_CHECK_ORDERS_DB_INTERVAL", "30s",
      "HEALTH_CHECK_ORDERS_DB_PASSWORD", "s3cret", "HEALTH_CHECK_REDIS_ENABLED", "false",
      "HEALTH_CHECK_LLM_SERVICES_TIMEOUT", "3s"));
    assertThat(config.checks()).extracting(c -> c.name()).containsExactly("database", "llm_services", "orders-db");
    assertThat(config.checks().get(2).settings().interval()).hasSeconds(30);
    assertThat(config.checks().get(2).toString()).doesNotContain("s3cret");
  }

  @Test
  void aKeyGivenTwiceStopsTheStartNamingItAndBothLines(@TempDir Path dir) {
    ConfigException e = refused(dir, ORDERS + "  orders-db:\n    type: tcp\n    url: tcp://db:5432\n", Map.of());
    assertThat(e.setting()).isEqualTo("checks.orders-db");
    assertThat(e.getMessage()).contains("is given twice").contains("lines 2 and 5");
    ConfigException nested = refused(dir, "checks:\n  redis:\n    timeout: 1s\n    timeout: 2s\n", Map.of());
    assertThat(nested.setting()).isEqualTo("checks.redis.timeout");
  }

  @Test
  void aSyntaxErrorNamesTheLineAndColumn(@TempDir Path dir) {
    ConfigException e = refused(dir, "checks:\n  redis:\n    timeout: 1s\n   url: [redis://:pw@x:6379\n", Map.of());
    assertThat(e.getMessage()).contains("cannot parse").contains("as YAML").containsPattern("line \\d+, column \\d+")
      .doesNotContain("pw@x");
  }

  @Test
  void anEmptyOrCommentsOnlyFileIsAnEmptyConfiguration(@TempDir Path dir) throws Exception {
    assertThat(read(dir, "# everything commented out\n# checks:\n#   redis: {enabled: false}\n", Map.of()).checks())
      .extracting(c -> c.name()).containsExactly("database", "redis", "llm_services");
    assertThat(read(dir, "", Map.of()).serviceName()).isEqualTo("ai-chatrooms");
  }

  @Test
  void aFileThatIsNotAMappingIsRefused(@TempDir Path dir) {
    assertThat(refused(dir, "- a\n- b\n", Map.of()).getMessage()).contains("must be a mapping");
  }

  @Test
  void warnAfterIsReadForEveryKindAndMustBeBelowTheTimeout(@TempDir Path dir) throws Exception {
    ServiceConfig config = read(dir, ORDERS.replace("    type: postgres\n", "    type: postgres\n    warn_after: 300ms\n"), Map.of());
    assertThat(config.checks().get(config.checks().size() - 1).settings().warnAfter()).hasMillis(300);
    assertThat(config.checks().get(0).settings().warnAfter()).isNull();
    assertThat(refused(dir, ORDERS.replace("    type: postgres\n", "    type: postgres\n    warn_after: 2s\n"), Map.of())
      .setting()).isEqualTo("checks.orders-db.warn_after");
  }
}
