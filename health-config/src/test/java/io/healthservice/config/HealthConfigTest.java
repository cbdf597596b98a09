package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.HealthChecker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an embedding application gets from the service's YAML: the same names, kinds, switches and errors. No I/O: checks are only built. */
class HealthConfigTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static final String FILE = String.join("\n",
    "service: {name: rooms-api}",
    "checks:",
    "  redis: {enabled: false}",
    "  orders-db: {type: postgres, url: 'postgresql://orders@orders-db:5432/orders', critical: false}",
    "  search: {type: http, url: 'http://search:9200/_cluster/health'}",
    "  broker: {type: tcp, url: 'tcp://broker:5672'}",
    "");

  @Test
  void theBuilderHasTheFilesChecksUnderTheirNames(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), FILE);
    HealthConfig config = HealthConfig.read(vertx, file, Map.of()).await(10, TimeUnit.SECONDS);
    HealthChecker checker = config.checkerBuilder(vertx, "1.2.3").build();
    assertThat(checker.snapshot().checks().keySet()).containsExactlyInAnyOrder("database", "orders-db", "search", "broker");
    assertThat(config.settings().serviceName()).isEqualTo("rooms-api");
  }

  @Test
  void theEnvironmentWinsOverTheFileAsInTheService(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), FILE);
    HealthConfig config = HealthConfig.read(vertx, file, Map.of("HEALTH_CHECK_SEARCH_ENABLED", "false"))
      .await(10, TimeUnit.SECONDS);
    assertThat(config.checkerBuilder(vertx, "1").build().snapshot().checks()).doesNotContainKey("search");
  }

  @Test
  void theChecksGoIntoABuilderOfTheApplicationsOwn() throws Exception {
    HealthConfig config = HealthConfig.of(ConfigLoader.load(new JsonObject().put("checks",
      new JsonObject().put("redis", new JsonObject().put("enabled", false))), Map.of()));
    CheckSettings settings = CheckSettings.of(true, Duration.ofSeconds(5), Duration.ofSeconds(1));
    HealthChecker checker = config.registerChecks(vertx, HealthChecker.builder(vertx, "mine", "1")
      .check(DependencyCheck.of("rooms", Future::succeededFuture), settings)).build();
    assertThat(checker.snapshot().checks().keySet()).containsExactlyInAnyOrder("database", "rooms");
  }

  @Test
  void aWrongFileIsAFailedFutureNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), "checks:\n  cache: {type: oracle}\n");
    assertThatThrownBy(() -> HealthConfig.read(vertx, file, Map.of()).await(10, TimeUnit.SECONDS))
      .isInstanceOf(ConfigException.class).hasMessageContaining("checks.cache.type");
    assertThatThrownBy(() -> HealthConfig.read(vertx, dir.resolve("missing.yaml"), Map.of()).await(10, TimeUnit.SECONDS))
      .isInstanceOf(ConfigException.class).hasMessageContaining("file not found");
  }
}
