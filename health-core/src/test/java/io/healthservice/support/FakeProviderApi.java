package io.healthservice.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Local stand-ins for the model-list APIs of the presets, each under its own path prefix
 * ({@code /gemini/v1beta/models}, {@code /ollama/api/tags}, ...), speaking that provider's documented
 * format: its path, its key header, its JSON shape. Point a preset's {@code base_url} at
 * {@link #base(String)}. A request that is not exactly what the provider documents gets a 404; a wrong
 * or missing key a 401.
 */
public final class FakeProviderApi implements AutoCloseable {

  /** How one provider is called and answers. {@code query}: required query string, or null. */
  private record Spec(String path, String query, String keyHeader, String keyPrefix, String shape) {
  }

  private static final Map<String, Spec> PROVIDERS = Map.of(
    "azure", new Spec("/openai/models", "api-version=2024-10-21", "api-key", "", "data"),
    "gemini", new Spec("/v1beta/models", "pageSize=1000", "x-goog-api-key", "", "gemini"),
    "mistral", new Spec("/v1/models", null, "Authorization", "Bearer ", "data"),
    "groq", new Spec("/openai/v1/models", null, "Authorization", "Bearer ", "data"),
    "together", new Spec("/v1/models", null, "Authorization", "Bearer ", "array"),
    "openrouter", new Spec("/api/v1/models", null, "Authorization", "Bearer ", "data"),
    "ollama", new Spec("/api/tags", null, null, null, "ollama"),
    "vllm", new Spec("/v1/models", null, null, null, "data"));

  private final HttpServer server;
  private final String key;
  private final String model;
  private volatile String lastUri;

  private FakeProviderApi(Vertx vertx, String key, String model) {
    this.key = key;
    this.model = model;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  /** Every provider answers with one model, {@code model}, to requests carrying {@code key}. */
  public static FakeProviderApi start(Vertx vertx, String key, String model) throws Exception {
    FakeProviderApi api = new FakeProviderApi(vertx, key, model);
    api.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return api;
  }

  /** The base URL for {@code provider} (azure, gemini, mistral, groq, together, openrouter, ollama, vllm). */
  public String base(String provider) {
    return "http://127.0.0.1:" + server.actualPort() + "/" + provider;
  }

  /** Path and query of the latest request, to check that no key travels in the URL. */
  public String lastUri() {
    return lastUri;
  }

  private void handle(HttpServerRequest request) {
    lastUri = request.uri();
    String path = request.path();
    int slash = path.indexOf('/', 1);
    Spec spec = slash < 0 ? null : PROVIDERS.get(path.substring(1, slash));
    if (spec == null || !"GET".equals(request.method().name()) || !spec.path().equals(path.substring(slash))
      || (spec.query() != null && !spec.query().equals(request.query()))) {
      json(request, 404, new JsonObject().put("error", new JsonObject().put("message", "Not found")));
      return;
    }
    if (spec.keyHeader() != null && !(spec.keyPrefix() + key).equals(request.getHeader(spec.keyHeader()))) {
      json(request, 401, new JsonObject().put("error", new JsonObject().put("message", "Invalid API key").put("code", 401)));
      return;
    }
    switch (spec.shape()) {
      // Gemini: models[].name, prefixed with "models/".
      case "gemini" -> json(request, 200, new JsonObject().put("models", new JsonArray().add(new JsonObject()
        .put("name", "models/" + model).put("displayName", model).put("supportedGenerationMethods",
          new JsonArray().add("generateContent")))));
      // Ollama's /api/tags: models[].name with a tag.
      case "ollama" -> json(request, 200, new JsonObject().put("models", new JsonArray().add(new JsonObject()
        .put("name", model + ":latest").put("model", model + ":latest").put("size", 2019393189)
        .put("digest", "a80c4f17acd5"))));
      // Together: a bare array.
      case "array" -> request.response().setStatusCode(200).putHeader("content-type", "application/json")
        .end(new JsonArray().add(new JsonObject().put("id", model).put("object", "model").put("type", "chat")).encode());
      // OpenAI's shape: {"object":"list","data":[{"id":...}]}.
      default -> json(request, 200, new JsonObject().put("object", "list").put("data", new JsonArray()
        .add(new JsonObject().put("id", model).put("object", "model").put("owned_by", "system"))));
    }
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
