package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.DetailsVisibility;
import io.healthservice.http.LlmEndpoint;
import io.healthservice.http.LlmKind;
import io.healthservice.postgres.PostgresKind;
import io.healthservice.postgres.impl.PostgresUrls;
import io.healthservice.redis.RedisKind;
import io.healthservice.redis.RedisMode;
import io.healthservice.redis.RedisTopology;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

  private static JsonObject yaml(String json) {
    return new JsonObject(json);
  }

  @Test
  void defaultsMatchTheReadme() {
    ServiceConfig config = ConfigLoader.load(new JsonObject(), Map.of());
    assertThat(config.serviceName()).isEqualTo("ai-chatrooms");
    assertThat(config.http().host()).isEqualTo("0.0.0.0");
    assertThat(config.http().port()).isEqualTo(8000);
    assertThat(config.check("database", PostgresKind.Definition.class).target().url()).isEqualTo("postgresql://postgres@localhost:5432/postgres");
    assertThat(config.check("redis", RedisKind.Definition.class).target().url()).isEqualTo("redis://localhost:6379");
    assertThat(config.check("database", PostgresKind.Definition.class).settings()).isEqualTo(new CheckSettings(true, Duration.ofSeconds(5), Duration.ofSeconds(2),
      Duration.ofSeconds(15), 1, 1));
    assertThat(config.check("redis", RedisKind.Definition.class).settings()).isEqualTo(config.check("database", PostgresKind.Definition.class).settings());
    assertThat(config.check("llm_services", LlmKind.Definition.class).settings()).isEqualTo(new CheckSettings(false, Duration.ofSeconds(30), Duration.ofSeconds(5),
      Duration.ofSeconds(90), 1, 1));
    assertThat(config.check("llm_services", LlmKind.Definition.class).endpoints()).isEmpty();
    assertThat(config.details().visibility()).isEqualTo(DetailsVisibility.WHEN_AUTHORIZED);
    assertThat(config.details().token()).isEmpty();
    assertThat(config.drain()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void environmentOverridesTheFile() {
    JsonObject file = yaml("{\"http\":{\"port\":9000},\"service\":{\"name\":\"from-file\"}}");
    ServiceConfig config = ConfigLoader.load(file, Map.of("HTTP_PORT", "8123", "SERVICE_NAME", "from-env",
      "HTTP_HOST", "127.0.0.1", "DATABASE_URL", "postgresql://app:pw@db:5432/app", "REDIS_URL", "redis://cache:6380/1"));
    assertThat(config.http().port()).isEqualTo(8123);
    assertThat(config.serviceName()).isEqualTo("from-env");
    assertThat(config.http().host()).isEqualTo("127.0.0.1");
    assertThat(config.check("database", PostgresKind.Definition.class).target().url()).isEqualTo("postgresql://app:pw@db:5432/app");
    assertThat(config.check("redis", RedisKind.Definition.class).target().url()).isEqualTo("redis://cache:6380/1");
  }

  @Test
  void llmApiUrlAndKeyMakeOneOpenAiCompatibleEndpoint() {
    ServiceConfig config = ConfigLoader.load(new JsonObject(),
      Map.of("LLM_API_URL", "https://llm.example.com/v1", "LLM_API_KEY", "sk-123"));
    assertThat(config.check("llm_services", LlmKind.Definition.class).endpoints()).singleElement().satisfies(e -> {
      assertThat(e.name()).isEqualTo("llm");
      assertThat(e.url()).isEqualTo("https://llm.example.com/v1/models");
      assertThat(e.headers()).containsEntry("Authorization", "Bearer sk-123");
    });
  }

  @Test
  void presetsBuildTheProvidersRequests(@TempDir Path dir) throws Exception {
    Path keyFile = dir.resolve("anthropic-key");
    Files.writeString(keyFile, "sk-ant-from-file\n");
    JsonObject file = yaml("{\"checks\":{\"llm_services\":{\"endpoints\":["
      + "{\"name\":\"openai\",\"provider\":\"openai\",\"api_key_env\":\"OPENAI_API_KEY\"},"
      + "{\"name\":\"anthropic\",\"provider\":\"anthropic\",\"api_key_file\":\"" + keyFile + "\"},"
      + "{\"name\":\"ollama\",\"provider\":\"generic\",\"url\":\"http://ollama:11434/api/tags\",\"headers\":{\"X-Team\":\"ai\"}}"
      + "]}}}");
    ServiceConfig config = ConfigLoader.load(file, Map.of("OPENAI_API_KEY", "sk-openai"));
    assertThat(config.check("llm_services", LlmKind.Definition.class).endpoints()).hasSize(3);
    LlmEndpoint openai = config.check("llm_services", LlmKind.Definition.class).endpoints().get(0);
    assertThat(openai.url()).isEqualTo("https://api.openai.com/v1/models");
    assertThat(openai.headers()).containsExactly(Map.entry("Authorization", "Bearer sk-openai"));
    LlmEndpoint anthropic = config.check("llm_services", LlmKind.Definition.class).endpoints().get(1);
    assertThat(anthropic.url()).isEqualTo("https://api.anthropic.com/v1/models");
    assertThat(anthropic.headers()).containsEntry("x-api-key", "sk-ant-from-file").containsEntry("anthropic-version", "2023-06-01");
    LlmEndpoint ollama = config.check("llm_services", LlmKind.Definition.class).endpoints().get(2);
    assertThat(ollama.url()).isEqualTo("http://ollama:11434/api/tags");
    assertThat(ollama.headers()).containsExactly(Map.entry("X-Team", "ai"));
  }

  @Test
  void printingTheConfigNeverShowsSecrets() {
    ServiceConfig config = ConfigLoader.load(new JsonObject(), Map.of(
      "DATABASE_URL", "postgresql://app:db-pass-123@db:5432/app", "REDIS_URL", "redis://:redis-pass-123@cache:6379",
      "LLM_API_URL", "https://api.openai.com", "LLM_API_KEY", "sk-key-123", "HEALTH_DETAILS_TOKEN", "details-token-1234567890"));
    assertThat(config.toString()).doesNotContain("db-pass-123", "redis-pass-123", "sk-key-123", "details-token-1234567890")
      .contains("postgresql://app:***@db:5432/app");
    // Each section prints on its own too (records print every component).
    assertThat(config.check("database", PostgresKind.Definition.class) + " " + config.check("redis", RedisKind.Definition.class) + " " + config.check("llm_services", LlmKind.Definition.class) + " " + config.details())
      .doesNotContain("db-pass-123", "redis-pass-123", "sk-key-123", "details-token-1234567890")
      .contains("postgresql://app:***@db:5432/app", "redis://:***@cache:6379", "token=***");
  }

  @Test
  void maxAgeDefaultsToThreeIntervals() {
    ServiceConfig config = ConfigLoader.load(yaml("{\"checks\":{\"redis\":{\"interval\":\"2s\"}}}"), Map.of());
    assertThat(config.check("redis", RedisKind.Definition.class).settings().maxAge()).isEqualTo(Duration.ofSeconds(6));
  }

  static Stream<Arguments> invalidSettings() {
    return Stream.of(
      Arguments.of("{}", Map.of("HTTP_PORT", "abc"), "HTTP_PORT"),
      Arguments.of("{}", Map.of("HTTP_PORT", "70000"), "HTTP_PORT"),
      Arguments.of("{\"http\":{\"port\":\"eighty\"}}", Map.of(), "http.port"),
      Arguments.of("{}", Map.of("DATABASE_URL", "mysql://db:3306/app"), "DATABASE_URL"),
      Arguments.of("{}", Map.of("DATABASE_URL", "postgresql://u:p@/app"), "DATABASE_URL"),
      Arguments.of("{}", Map.of("DATABASE_URL", "not a url at all"), "DATABASE_URL"),
      Arguments.of("{}", Map.of("REDIS_URL", "http://cache:6379"), "REDIS_URL"),
      Arguments.of("{}", Map.of("REDIS_URL", "redis://cache:6379/abc"), "REDIS_URL"),
      Arguments.of("{}", Map.of("LLM_API_URL", "ftp://llm"), "LLM_API_URL"),
      Arguments.of("{\"service\":{\"name\":\" \"}}", Map.of(), "service.name"),
      Arguments.of("{\"checks\":{\"database\":{\"timeout\":\"-1s\"}}}", Map.of(), "checks.database.timeout"),
      Arguments.of("{\"checks\":{\"database\":{\"timeout\":\"0s\"}}}", Map.of(), "checks.database.timeout"),
      Arguments.of("{\"checks\":{\"redis\":{\"interval\":\"5\"}}}", Map.of(), "checks.redis.interval"),
      Arguments.of("{\"checks\":{\"redis\":{\"max_age\":\"soon\"}}}", Map.of(), "checks.redis.max_age"),
      Arguments.of("{\"checks\":{\"redis\":{\"critical\":\"yes\"}}}", Map.of(), "checks.redis.critical"),
      Arguments.of("{\"checks\":{\"redis\":{\"failure_threshold\":0}}}", Map.of(), "checks.redis.failure_threshold"),
      Arguments.of("{\"checks\":{\"redis\":{\"success_threshold\":-2}}}", Map.of(), "checks.redis.success_threshold"),
      Arguments.of("{\"checks\":{\"databse\":{}}}", Map.of(), "checks.databse"),
      Arguments.of("{\"htp\":{}}", Map.of(), "htp"),
      Arguments.of("{\"checks\":{\"llm_services\":{\"endpoints\":[{\"provider\":\"openai\"}]}}}", Map.of(),
        "checks.llm_services.endpoints[0].name"),
      Arguments.of("{\"checks\":{\"llm_services\":{\"endpoints\":[{\"name\":\"x\",\"provider\":\"cohere\"}]}}}", Map.of(),
        "checks.llm_services.endpoints[0].provider"),
      Arguments.of("{\"checks\":{\"llm_services\":{\"endpoints\":[{\"name\":\"x\",\"provider\":\"generic\"}]}}}", Map.of(),
        "checks.llm_services.endpoints[0].url"),
      Arguments.of("{\"checks\":{\"llm_services\":{\"endpoints\":[{\"name\":\"redis\"}]}}}", Map.of(),
        "checks.llm_services.endpoints[0].name"),
      // /health/checks is Vert.x's stock handler.
      Arguments.of("{\"checks\":{\"llm_services\":{\"endpoints\":[{\"name\":\"checks\"}]}}}", Map.of(),
        "checks.llm_services.endpoints[0].name"),
      Arguments.of("{\"checks\":{\"llm_services\":{\"endpoints\":[{\"name\":\"a\",\"api_key_env\":\"MISSING_VAR\"}]}}}",
        Map.of(), "checks.llm_services.endpoints[0].api_key_env"),
      Arguments.of("{\"checks\":{\"llm_services\":{\"endpoints\":[{\"name\":\"a\",\"api_key_file\":\"/nonexistent/key\"}]}}}",
        Map.of(), "checks.llm_services.endpoints[0].api_key_file"),
      Arguments.of("{\"checks\":{\"llm_services\":{\"endpoints\":[{\"name\":\"a\",\"base_url\":\"https://u:p@llm\"}]}}}",
        Map.of(), "checks.llm_services.endpoints[0].base_url"),
      Arguments.of("{}", Map.of("LLM_API_URL", "https://llm", "LLM_API_KEY_FILE", "/nonexistent"), "LLM_API_KEY_FILE"),
      Arguments.of("{\"details\":\"sometimes\"}", Map.of(), "details.visibility"),
      Arguments.of("{}", Map.of("HEALTH_DETAILS", "sometimes"), "HEALTH_DETAILS"),
      Arguments.of("{}", Map.of("HEALTH_DETAILS_TOKEN", "short"), "HEALTH_DETAILS_TOKEN"),
      Arguments.of("{\"shutdown\":{\"drain\":\"-5s\"}}", Map.of(), "shutdown.drain"),
      Arguments.of("{\"monitor\":{\"max_runs_in_flight\":0}}", Map.of(), "monitor.max_runs_in_flight"),
      Arguments.of("{\"monitor\":{\"max_runs\":10}}", Map.of(), "monitor.max_runs"),
      Arguments.of("{\"metrics\":{\"check_histograms\":\"sometimes\"}}", Map.of(), "metrics.check_histograms"),
      Arguments.of("{}", Map.of("SHUTDOWN_DRAIN", "forever"), "SHUTDOWN_DRAIN"),
      Arguments.of("{}", Map.of("DATABASE_URL", "postgresql://db/app?sslmode=sometimes"), "DATABASE_URL"),
      Arguments.of("{}", Map.of("DATABASE_URL", "postgresql://db/app?sslmode=verify-full"), "DATABASE_URL"),
      Arguments.of("{}", Map.of("DATABASE_URL", "postgresql://db/app?sslmode=verify-ca&sslrootcert=/nonexistent/ca.pem"), "DATABASE_URL"),
      Arguments.of("{}", Map.of("DATABASE_URL", "postgresql://db/app", "DATABASE_URL_FILE", "/nonexistent"), "DATABASE_URL"),
      Arguments.of("{}", Map.of("DATABASE_URL_FILE", "/nonexistent/url"), "DATABASE_URL_FILE"),
      Arguments.of("{}", Map.of("DATABASE_PASSWORD_FILE", "/nonexistent/pw"), "DATABASE_PASSWORD_FILE"),
      Arguments.of("{}", Map.of("REDIS_PASSWORD", "a", "REDIS_PASSWORD_FILE", "/x"), "REDIS_PASSWORD"),
      Arguments.of("{}", Map.of("REDIS_TLS_CA_FILE", "/nonexistent/ca.pem"), "REDIS_TLS_CA_FILE"),
      Arguments.of("{\"checks\":{\"redis\":{\"password_file\":\"/nonexistent\"}}}", Map.of(), "checks.redis.password_file"),
      Arguments.of("{\"http\":{\"max_connections\":2}}", Map.of(), "http.max_connections"),
      Arguments.of("{\"http\":{\"request_timeout\":\"0s\"}}", Map.of(), "http.request_timeout"));
  }

  @ParameterizedTest
  @MethodSource("invalidSettings")
  void anInvalidSettingFailsNamingIt(String file, Map<String, String> env, String setting) {
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject(file), env))
      .isInstanceOf(ConfigException.class)
      .hasMessageStartingWith(setting + ": ")
      .satisfies(e -> assertThat(((ConfigException) e).setting()).isEqualTo(setting));
  }

  @Test
  void errorsAboutUrlsNeverEchoThePassword() {
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject(), Map.of("DATABASE_URL", "mysql://app:hunter2-secret@db/app")))
      .hasMessageNotContaining("hunter2-secret");
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject(), Map.of("REDIS_URL", "redis://:hunter2-secret@cache:6379/xyz")))
      .hasMessageNotContaining("hunter2-secret");
  }

  @Test
  void aLibpqHostListIsAPostgresUrl() {
    String url = "postgresql://app:pw@db1:5432,[2001:db8::2]:5433/app?target_session_attrs=read-write&sslmode=disable";
    ServiceConfig config = ConfigLoader.load(new JsonObject(), Map.of("DATABASE_URL", url));
    assertThat(config.check("database", PostgresKind.Definition.class).target().url()).isEqualTo(url);
    assertThat(io.healthservice.kit.Secrets.maskUrls(config.check("database", PostgresKind.Definition.class).target().url()))
      .isEqualTo("postgresql://app:***@db1:5432,[2001:db8::2]:5433/app?target_session_attrs=read-write&sslmode=disable");
  }

  static Stream<String> badHostLists() {
    return Stream.of("postgresql://app:hunter2-secret@db1,/app", "postgresql://app:hunter2-secret@db1:5432,db2:99999/app",
      "postgresql://app:hunter2-secret@db1,db2/app?target_session_attrs=master",
      "postgresql://app:hunter2-secret@[::1:5432/app");
  }

  @ParameterizedTest
  @MethodSource("badHostLists")
  void aBadHostListFailsNamingTheSettingNotThePassword(String url) {
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject(), Map.of("DATABASE_URL", url)))
      .isInstanceOf(ConfigException.class)
      .hasMessageStartingWith("DATABASE_URL: ")
      .hasMessageNotContaining("hunter2-secret");
  }

  @Test
  void emptyVariablesCountAsUnset() {
    ServiceConfig config = ConfigLoader.load(new JsonObject(), Map.of("LLM_API_URL", "", "HTTP_PORT", "", "DATABASE_URL", " "));
    assertThat(config.check("llm_services", LlmKind.Definition.class).endpoints()).isEmpty();
    assertThat(config.http().port()).isEqualTo(8000);
    assertThat(config.check("database", PostgresKind.Definition.class).target().url()).isEqualTo(PostgresKind.DEFAULT_URL);
  }

  @Test
  void credentialsFromFilesOverrideTheUrlAndAreNeverPrinted(@TempDir Path dir) throws Exception {
    Path url = dir.resolve("url");
    Files.writeString(url, "postgresql://app@db:5432/app?sslmode=verify-full&sslrootcert=" + dir.resolve("ca.pem") + "\n");
    Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    Path password = dir.resolve("pw");
    Files.writeString(password, "pw-from-file-42\n");
    ServiceConfig config = ConfigLoader.load(new JsonObject(), Map.of("DATABASE_URL_FILE", url.toString(),
      "DATABASE_PASSWORD_FILE", password.toString(), "REDIS_PASSWORD", "redis-pw-42"));
    assertThat(config.check("database", PostgresKind.Definition.class).target().url()).startsWith("postgresql://app@db:5432/app");
    assertThat(config.check("database", PostgresKind.Definition.class).target().password()).contains("pw-from-file-42");
    assertThat(config.check("database", PostgresKind.Definition.class).target().caFile()).contains(dir.resolve("ca.pem").toString());
    assertThat(config.check("redis", RedisKind.Definition.class).target().password()).contains("redis-pw-42");
    assertThat(config.toString() + config.check("database", PostgresKind.Definition.class).target() + config.check("redis", RedisKind.Definition.class).target()).doesNotContain("pw-from-file-42", "redis-pw-42");
    assertThat(PostgresUrls.withoutParameter(config.check("database", PostgresKind.Definition.class).target().url(), "sslrootcert"))
      .isEqualTo("postgresql://app@db:5432/app?sslmode=verify-full");
  }

  @Test
  void scaleSettingsHaveDefaultsAndAreRead() {
    assertThat(ConfigLoader.load(new JsonObject(), Map.of()).scale()).isEqualTo(ScaleOptions.DEFAULT);
    JsonObject file = new JsonObject().put("monitor", new JsonObject().put("max_runs_in_flight", 64))
      .put("metrics", new JsonObject().put("check_histograms", true));
    assertThat(ConfigLoader.load(file, Map.of()).scale()).isEqualTo(new ScaleOptions(64, true));
  }

  @Test
  void drainMayBeZero() {
    assertThat(ConfigLoader.load(new JsonObject(), Map.of("SHUTDOWN_DRAIN", "0")).drain()).isZero();
  }

  @Test
  void endpointNamesMustBeUnique() {
    JsonObject file = new JsonObject().put("checks", new JsonObject().put("llm_services", new JsonObject()
      .put("endpoints", new JsonArray().add(new JsonObject().put("name", "a")).add(new JsonObject().put("name", "a")))));
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).hasMessageStartingWith("checks.llm_services.endpoints[1].name");
  }

  @Test
  void connectionAgeDefaultsToOneMinuteAndZeroMeansEveryRun() {
    ServiceConfig defaults = ConfigLoader.load(new JsonObject(), Map.of());
    assertThat(defaults.check("database", PostgresKind.Definition.class).target().maxConnectionAge()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.check("redis", RedisKind.Definition.class).target().maxConnectionAge()).isEqualTo(Duration.ofSeconds(60));
    ServiceConfig config = ConfigLoader.load(yaml("{\"checks\":{\"database\":{\"max_connection_age\":\"0\"},"
      + "\"redis\":{\"max_connection_age\":\"10s\"}}}"), Map.of());
    assertThat(config.check("database", PostgresKind.Definition.class).target().maxConnectionAge()).isZero();
    assertThat(config.check("redis", RedisKind.Definition.class).target().maxConnectionAge()).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> ConfigLoader.load(yaml("{\"checks\":{\"redis\":{\"max_connection_age\":\"soon\"}}}"), Map.of()))
      .hasMessageContaining("checks.redis.max_connection_age");
  }

  @Test
  void redisModesFromTheEnvironment() {
    ServiceConfig sentinel = ConfigLoader.load(new JsonObject(), Map.of("REDIS_MODE", "sentinel",
      "REDIS_MASTER_NAME", "mymaster", "REDIS_URL", "redis://:pw@s1:26379, redis://s2:26379"));
    assertThat(sentinel.check("redis", RedisKind.Definition.class).topology().mode()).isEqualTo(RedisMode.SENTINEL);
    assertThat(sentinel.check("redis", RedisKind.Definition.class).topology().urls()).containsExactly("redis://:pw@s1:26379", "redis://s2:26379");
    assertThat(sentinel.check("redis", RedisKind.Definition.class).topology().masterName()).contains("mymaster");
    assertThat(sentinel.toString()).doesNotContain(":pw@");
    ServiceConfig cluster = ConfigLoader.load(new JsonObject(), Map.of("REDIS_MODE", "cluster",
      "REDIS_URL", "redis://a:7000,redis://b:7001"));
    assertThat(cluster.check("redis", RedisKind.Definition.class).topology().mode()).isEqualTo(RedisMode.CLUSTER);
    assertThat(ConfigLoader.load(new JsonObject(), Map.of()).check("redis", RedisKind.Definition.class).topology())
      .isEqualTo(RedisTopology.standalone("redis://localhost:6379"));
  }

  @ParameterizedTest
  @MethodSource("badRedisTopologies")
  void badRedisTopologyNamesTheSetting(Map<String, String> env, String setting, String words) {
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject(), env))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining(setting).hasMessageContaining(words)
      .hasMessageNotContaining("secret");
  }

  static Stream<Arguments> badRedisTopologies() {
    return Stream.of(
      Arguments.of(Map.of("REDIS_MODE", "replicated"), "REDIS_MODE", "standalone, sentinel or cluster"),
      Arguments.of(Map.of("REDIS_MODE", "sentinel", "REDIS_URL", "redis://s1:26379"), "checks.redis.master_name", "required"),
      Arguments.of(Map.of("REDIS_MASTER_NAME", "mymaster"), "REDIS_MASTER_NAME", "only used with mode: sentinel"),
      Arguments.of(Map.of("REDIS_URL", "redis://:secret@a:1,redis://b:2"), "REDIS_URL", "set checks.redis.mode"),
      Arguments.of(Map.of("REDIS_MODE", "cluster", "REDIS_URL", "redis://a:1/3"), "REDIS_URL", "only database 0"),
      Arguments.of(Map.of("REDIS_MODE", "cluster", "REDIS_URL", "redis://:secret@a:1,http://b:2"), "REDIS_URL", "redis://"));
  }
}
