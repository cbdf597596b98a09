package io.healthservice.config;

import io.healthservice.CheckFailure;
import io.healthservice.http.LlmEndpoint;
import io.healthservice.http.LlmEndpointCheck;
import io.healthservice.http.LlmKind;
import io.healthservice.postgres.PostgresKind;
import io.healthservice.redis.RedisKind;
import io.healthservice.support.FakeProviderApi;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each preset, from the config a user writes to a request against a local fake of that provider: the
 * documented path, key header and model-list shape. The fake answers 404 to any other path and 401 to a
 * wrong key, so a preset that drifts from the provider's documentation fails here.
 */
class LlmPresetsTest {

  private static final String KEY = "test-key-0123456789";
  private static Vertx vertx;
  private static FakeProviderApi fake;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    fake = FakeProviderApi.start(vertx, KEY, "served-model-1");
  }

  @AfterAll
  static void stop() throws Exception {
    fake.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static LlmEndpoint endpoint(JsonObject entry) {
    JsonObject file = new JsonObject().put("checks", new JsonObject().put("llm_services",
      new JsonObject().put("endpoints", new JsonArray().add(entry))));
    return ConfigLoader.load(file, Map.of()).check("llm_services", LlmKind.Definition.class).endpoints().get(0);
  }

  private static JsonObject entry(String provider, String fakeBase, String key, String model) {
    JsonObject entry = new JsonObject().put("name", "llm").put("provider", provider)
      .put("base_url", fake.base(fakeBase)).put("models", new JsonArray().add(model));
    return key == null ? entry : entry.put("api_key", key);
  }

  /** Pings on an event loop, as the monitor does; null when up, else the reason. */
  private static String ping(LlmEndpoint endpoint) throws Exception {
    LlmEndpointCheck check = new LlmEndpointCheck(vertx, new WebClientOptions(), endpoint);
    try {
      await(() -> check.ping(io.healthservice.CheckContext.of(Duration.ofSeconds(5))));
      return null;
    } catch (ExecutionException e) {
      return CheckFailure.of(e.getCause()).reason();
    } finally {
      await(check::close);
    }
  }

  private static <T> T await(Supplier<Future<T>> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.runOnContext(v -> call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    return result.get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "azure-openai, azure, /azure/openai/models?api-version=2024-10-21",
    "gemini, gemini, /gemini/v1beta/models?pageSize=1000",
    "mistral, mistral, /mistral/v1/models",
    "groq, groq/openai, /groq/openai/v1/models",
    "together, together, /together/v1/models",
    "openrouter, openrouter/api, /openrouter/api/v1/models",
  })
  void keyedPresetSpeaksItsProvidersFormat(String provider, String fakeBase, String uri) throws Exception {
    assertThat(ping(endpoint(entry(provider, fakeBase, KEY, "served-model-1")))).isNull();
    assertThat(fake.lastUri()).isEqualTo(uri).doesNotContain(KEY);
    assertThat(ping(endpoint(entry(provider, fakeBase, KEY, "retired-model")))).isEqualTo("model retired-model not offered");
    assertThat(ping(endpoint(entry(provider, fakeBase, "wrong-key", "served-model-1")))).isEqualTo("HTTP 401");
  }

  @Test
  void ollamaListsTagsWithoutAKey() throws Exception {
    assertThat(ping(endpoint(entry("ollama", "ollama", null, "served-model-1")))).isNull();
    assertThat(fake.lastUri()).isEqualTo("/ollama/api/tags");
    assertThat(ping(endpoint(entry("ollama", "ollama", null, "served-model-1:latest")))).isNull();
    assertThat(ping(endpoint(entry("ollama", "ollama", null, "llama3")))).isEqualTo("model llama3 not offered");
  }

  @Test
  void openAiCompatibleServersNeedNoKeyAndAcceptABaseEndingInV1() throws Exception {
    assertThat(ping(endpoint(entry("openai-compatible", "vllm", null, "served-model-1")))).isNull();
    assertThat(fake.lastUri()).isEqualTo("/vllm/v1/models");
    LlmEndpoint withV1 = endpoint(entry("openai-compatible", "vllm", null, "served-model-1").put("base_url", fake.base("vllm") + "/v1/"));
    assertThat(withV1.url()).isEqualTo(fake.base("vllm") + "/v1/models");
  }

  @Test
  void defaultsPointAtTheProvidersPublicApis() {
    JsonObject bare = new JsonObject().put("name", "llm").put("api_key", KEY);
    assertThat(endpoint(bare.copy().put("provider", "gemini")).url()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000");
    assertThat(endpoint(bare.copy().put("provider", "mistral")).url()).isEqualTo("https://api.mistral.ai/v1/models");
    assertThat(endpoint(bare.copy().put("provider", "groq")).url()).isEqualTo("https://api.groq.com/openai/v1/models");
    assertThat(endpoint(bare.copy().put("provider", "together")).url()).isEqualTo("https://api.together.xyz/v1/models");
    assertThat(endpoint(bare.copy().put("provider", "openrouter")).url()).isEqualTo("https://openrouter.ai/api/v1/models");
    assertThat(endpoint(bare.copy().put("provider", "ollama")).url()).isEqualTo("http://localhost:11434/api/tags");
    assertThat(endpoint(bare.copy().put("provider", "gemini")).headers()).containsOnlyKeys("x-goog-api-key");
    assertThat(endpoint(bare.copy().put("provider", "azure-openai").put("base_url", "https://res.openai.azure.com")
      .put("api_version", "2025-01-01")).url()).isEqualTo("https://res.openai.azure.com/openai/models?api-version=2025-01-01");
  }

  @ParameterizedTest
  @CsvSource({
    // provider,   what people paste,                                          the URL requested
    "openai,       https://api.openai.com,                                      https://api.openai.com/v1/models",
    "openai,       https://api.openai.com/v1,                                   https://api.openai.com/v1/models",
    "openai,       https://api.openai.com/v1/,                                  https://api.openai.com/v1/models",
    "openai,       https://api.openai.com/v1/models,                            https://api.openai.com/v1/models",
    "anthropic,    https://api.anthropic.com/v1/models,                         https://api.anthropic.com/v1/models",
    "groq,         https://api.groq.com/openai/v1/models,                       https://api.groq.com/openai/v1/models",
    "openrouter,   https://openrouter.ai/api/v1,                                https://openrouter.ai/api/v1/models",
    "openai,       https://gateway.example/team-a/openai/v1/models,             https://gateway.example/team-a/openai/v1/models",
    "gemini,       https://generativelanguage.googleapis.com/v1beta/models,     https://generativelanguage.googleapis.com/v1beta/models?pageSize=1000",
    "ollama,       http://ollama:11434/api/tags,                                http://ollama:11434/api/tags",
    "azure-openai, https://res.openai.azure.com/openai/models?api-version=2024-10-21, https://res.openai.azure.com/openai/models?api-version=2024-10-21",
  })
  void aBaseUrlInAnyFormPeoplePasteIsRequestedWithoutADoubledPath(String provider, String pasted, String requested) {
    JsonObject entry = new JsonObject().put("name", "llm").put("api_key", KEY).put("provider", provider).put("base_url", pasted);
    assertThat(endpoint(entry).url()).isEqualTo(requested);
  }

  @Test
  void llmApiUrlGivenAsTheFullModelsUrlIsNotDoubled() {
    ServiceConfig config = ConfigLoader.load(new JsonObject(), Map.of("LLM_API_URL", "https://api.openai.com/v1/models"));
    assertThat(config.check("llm_services", LlmKind.Definition.class).endpoints().get(0).url()).isEqualTo("https://api.openai.com/v1/models");
  }

  @Test
  void invalidPresetConfigFailsNamingTheKey() {
    assertThatThrownBy(() -> endpoint(new JsonObject().put("name", "llm").put("provider", "azure-openai")))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.llm_services.endpoints[0].base_url"));
    assertThatThrownBy(() -> endpoint(new JsonObject().put("name", "llm").put("provider", "openai-compatible")))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.llm_services.endpoints[0].base_url"));
    assertThatThrownBy(() -> endpoint(new JsonObject().put("name", "llm").put("models", new JsonArray())))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.llm_services.endpoints[0].models"));
    assertThatThrownBy(() -> endpoint(new JsonObject().put("name", "llm").put("models", new JsonArray().add(3))))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.llm_services.endpoints[0].models[0]"));
    assertThatThrownBy(() -> endpoint(new JsonObject().put("name", "llm").put("tls_ca_file", "/nonexistent/ca.pem")))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.llm_services.endpoints[0].tls_ca_file"));
    assertThatThrownBy(() -> ConfigLoader.load(new JsonObject().put("checks", new JsonObject().put("redis",
      new JsonObject().put("certificate_warning_days", 400))), Map.of()))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.redis.certificate_warning_days"));
  }

  @Test
  void certificateWarningDaysIsReadPerCheck() {
    ServiceConfig config = ConfigLoader.load(new JsonObject().put("checks", new JsonObject()
      .put("database", new JsonObject().put("certificate_warning_days", 30))), Map.of());
    assertThat(config.check("database", PostgresKind.Definition.class).settings().certificateWarning()).isEqualTo(Duration.ofDays(30));
    assertThat(config.check("redis", RedisKind.Definition.class).settings().certificateWarning()).isEqualTo(Duration.ofDays(14));
  }
}
