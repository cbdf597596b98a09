package io.healthservice.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for the OpenAI and Anthropic model-list APIs, speaking their wire format: the same
 * paths, auth headers, status codes and JSON shapes (including the error bodies, which echo part of a
 * wrong key as the real OpenAI API does).
 */
public final class FakeLlmApi implements AutoCloseable {

  public enum Mode { OK, HANG, FAIL_500, FORBIDDEN, RATE_LIMITED }

  private final HttpServer server;
  private final String openAiKey;
  private final String anthropicKey;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Mode mode = Mode.OK;

  private FakeLlmApi(Vertx vertx, String openAiKey, String anthropicKey) {
    this.openAiKey = openAiKey;
    this.anthropicKey = anthropicKey;
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  public static FakeLlmApi start(Vertx vertx, String openAiKey, String anthropicKey) throws Exception {
    FakeLlmApi api = new FakeLlmApi(vertx, openAiKey, anthropicKey);
    api.server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return api;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public int port() {
    return server.actualPort();
  }

  public void set(Mode next) {
    mode = next;
  }

  public int requests() {
    return requests.get();
  }

  private void handle(HttpServerRequest request) {
    requests.incrementAndGet();
    switch (mode) {
      case HANG -> {
        return; // accept, read the request, never answer
      }
      case FAIL_500 -> {
        json(request, 500, new JsonObject().put("error", new JsonObject().put("message", "The server had an error while processing your request.").put("type", "server_error")));
        return;
      }
      case FORBIDDEN -> {
        json(request, 403, new JsonObject().put("error", new JsonObject().put("message", "You are not allowed to sample from this model").put("type", "invalid_request_error").put("code", "model_not_found")));
        return;
      }
      case RATE_LIMITED -> {
        request.response().putHeader("retry-after", "20");
        json(request, 429, new JsonObject().put("error", new JsonObject().put("message", "Rate limit reached").put("type", "requests").put("code", "rate_limit_exceeded")));
        return;
      }
      default -> { }
    }
    if (!"GET".equals(request.method().name()) || !"/v1/models".equals(request.path())) {
      json(request, 404, new JsonObject().put("error", new JsonObject().put("message", "Unknown request URL").put("type", "invalid_request_error")));
      return;
    }
    String apiKey = request.getHeader("x-api-key");
    if (apiKey != null) {
      anthropic(request, apiKey);
    } else {
      openAi(request, request.getHeader("Authorization"));
    }
  }

  private void openAi(HttpServerRequest request, String authorization) {
    String key = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    if (key == null || !key.equals(openAiKey)) {
      String shown = key == null ? "" : key.substring(0, Math.min(6, key.length())) + "*****" + key.substring(Math.max(0, key.length() - 4));
      json(request, 401, new JsonObject().put("error", new JsonObject()
        .put("message", "Incorrect API key provided: " + shown + ". You can find your API key at https://platform.openai.com/account/api-keys.")
        .put("type", "invalid_request_error").putNull("param").put("code", "invalid_api_key")));
      return;
    }
    json(request, 200, new JsonObject().put("object", "list").put("data", new JsonArray()
      .add(new JsonObject().put("id", "gpt-4o-mini").put("object", "model").put("created", 1721172741).put("owned_by", "system"))));
  }

  private void anthropic(HttpServerRequest request, String key) {
    if (request.getHeader("anthropic-version") == null) {
      json(request, 400, new JsonObject().put("type", "error").put("error", new JsonObject()
        .put("type", "invalid_request_error").put("message", "anthropic-version: header is required")));
      return;
    }
    if (!key.equals(anthropicKey)) {
      json(request, 401, new JsonObject().put("type", "error").put("error", new JsonObject()
        .put("type", "authentication_error").put("message", "invalid x-api-key")));
      return;
    }
    json(request, 200, new JsonObject().put("data", new JsonArray().add(new JsonObject()
        .put("type", "model").put("id", "claude-sonnet-4-5").put("display_name", "Claude Sonnet 4.5")
        .put("created_at", "2025-09-29T00:00:00Z")))
      .put("has_more", false).put("first_id", "claude-sonnet-4-5").put("last_id", "claude-sonnet-4-5"));
  }

  private static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("content-type", "application/json")
      .putHeader("x-request-id", "req_test").end(body.encode());
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
