package io.healthservice.http;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model list read with a bound: a body larger than the limit, one that never ends, and one that is
 * not a model list each fail the run with a reason, in bounded time and memory.
 */
class LlmModelListBodyTest {

  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The reason of a run against a server answering with {@code answer}, or null when up. */
  private static String run(Consumer<HttpServerResponse> answer) throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(request -> answer.accept(request.response()))
      .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    LlmEndpoint endpoint = new LlmEndpoint("llm", LlmProvider.OPENAI_COMPATIBLE,
      "http://127.0.0.1:" + server.actualPort() + "/v1/models", Map.of(), List.of("gpt-4o"), Optional.empty());
    LlmEndpointCheck check = new LlmEndpointCheck(vertx, new WebClientOptions(), endpoint);
    CompletableFuture<Void> result = new CompletableFuture<>();
    vertx.runOnContext(v -> check.ping(CheckContext.of(Duration.ofSeconds(2))).onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(null);
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    try {
      result.get(10, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return CheckFailure.of(e.getCause()).reason();
    } finally {
      check.close();
      server.close();
    }
  }

  @Test
  void aListOverTheLimitFailsWithoutBeingKept() throws Exception {
    Buffer chunk = Buffer.buffer("x".repeat(64 * 1024));
    String reason = run(response -> {
      response.setChunked(true).putHeader("content-type", "application/json").write("{\"data\":[\"");
      // 5 MiB of a string, past the 4 MiB bound.
      Future<Void> writes = Future.succeededFuture();
      for (int i = 0; i < 80; i++) {
        writes = writes.compose(v -> response.write(chunk));
      }
      writes.compose(v -> response.end("\"]}"));
    });
    assertThat(reason).isEqualTo("model list larger than 4096 KiB");
  }

  @Test
  void aListThatNeverEndsTimesOut() throws Exception {
    String reason = run(response -> response.setChunked(true).putHeader("content-type", "application/json")
      .write("{\"data\":[{\"id\":\"gpt-4o\"}"));
    assertThat(reason).isEqualTo("timeout");  // within the check's 2 s, not the test's 10 s
  }

  @Test
  void anHtmlPageIsNoModelList() throws Exception {
    assertThat(run(response -> response.putHeader("content-type", "text/html").end("<html>login</html>")))
      .isEqualTo("model list is not JSON");
  }

  @Test
  void theConfiguredModelInTheListIsUp() throws Exception {
    assertThat(run(response -> response.end("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\"}]}"))).isNull();
  }
}
