package io.healthservice.maintenance;

import io.healthservice.support.FakeClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The endpoint over a real HTTP server: who may start and end windows, what a bad body gets, who sees reasons. */
class MaintenanceRoutesTest {

  private static final String TOKEN = "details-token-0123456789";
  private static final Set<String> CHECKS = Set.of("database", "redis");

  private final Vertx vertx = Vertx.vertx();
  private final FakeClock clock = new FakeClock();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private MaintenanceWindows windows;
  private String base;

  private void serve(Optional<String> token) throws Exception {
    windows = MaintenanceWindows.create(clock, List.of(new MaintenanceWindow("weekly", List.of("database"),
      Optional.of("config reason"), new Schedule.Once(FakeClock.START.plusSeconds(3600), FakeClock.START.plusSeconds(7200)))));
    Router router = Router.router(vertx);
    // Details for callers that ask with ?verbose and send the token, as the probes' when-authorized rule.
    MaintenanceRoutes.create(windows, token, ctx -> ctx.request().params().contains("verbose")
        && ("Bearer " + TOKEN).equals(ctx.request().getHeader("Authorization")), CHECKS::contains)
      .addTo(router, "/health/maintenance");
    router.route().last().handler(ctx -> ctx.response().setStatusCode(404).end());
    router.route().failureHandler(ctx -> ctx.response().setStatusCode(ctx.statusCode()).end());
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage()
      .toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort() + "/health/maintenance";
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void startingAndEndingNeedTheToken() throws Exception {
    serve(Optional.of(TOKEN));
    assertThat(send("POST", "", "{}", null).statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = send("POST", "", "{}", "not-the-token");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(send("DELETE", "/abc", null, null).statusCode()).isEqualTo(401);
    assertThat(windows.active(clock.now())).isEmpty();

    HttpResponse<String> created = send("POST", "", "{\"checks\":[\"redis\"],\"duration\":\"30m\",\"reason\":\"failover\"}",
      TOKEN);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject window = new JsonObject(created.body());
    assertThat(window.getString("name")).isEqualTo("ad-hoc");
    assertThat(Instant.parse(window.getString("end"))).isEqualTo(clock.now().plus(Duration.ofMinutes(30)));
    assertThat(created.headers().firstValue("Location")).contains("/health/maintenance/" + window.getString("id"));
    assertThat(windows.windowFor("redis", clock.now())).contains("ad-hoc");

    assertThat(send("DELETE", "/" + window.getString("id"), null, TOKEN).statusCode()).isEqualTo(204);
    assertThat(windows.windowFor("redis", clock.now())).isEmpty();
    assertThat(send("DELETE", "/" + window.getString("id"), null, TOKEN).statusCode()).isEqualTo(404);
  }

  @Test
  void withoutAConfiguredTokenNobodyMayStartOrEndAWindow() throws Exception {
    serve(Optional.empty());
    assertThat(send("POST", "", "{}", TOKEN).statusCode()).isEqualTo(403);
    assertThat(send("DELETE", "/abc", null, TOKEN).statusCode()).isEqualTo(403);
    assertThat(send("GET", "", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aBadBodyIsRefusedNamingTheField() throws Exception {
    serve(Optional.of(TOKEN));
    assertField(send("POST", "", "[1,2]", TOKEN), "body");
    assertField(send("POST", "", "{\"duration\":\"forever\"}", TOKEN), "duration");
    assertField(send("POST", "", "{\"duration\":\"8d\"}", TOKEN), "duration");
    assertField(send("POST", "", "{\"checks\":[\"nosuch\"]}", TOKEN), "checks");
    assertField(send("POST", "", "{\"checks\":\"redis\"}", TOKEN), "checks");
    assertField(send("POST", "", "{\"reason\":\"" + "x".repeat(300) + "\"}", TOKEN), "reason");
    assertField(send("POST", "", "{\"until\":\"later\"}", TOKEN), "until");
    assertThat(send("POST", "", "{\"reason\":\"" + "x".repeat(20_000) + "\"}", TOKEN).statusCode()).isEqualTo(413);
    assertThat(windows.active(clock.now())).isEmpty();
    HttpResponse<String> put = send("PUT", "", "{}", TOKEN);
    assertThat(put.statusCode()).isEqualTo(405);
    assertThat(put.headers().firstValue("Allow")).contains("GET, HEAD, POST, OPTIONS");
  }

  private static void assertField(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(new JsonObject(response.body()).getString("field")).isEqualTo(field);
  }

  @Test
  void theListShowsReasonsOnlyToCallersGrantedDetails() throws Exception {
    serve(Optional.of(TOKEN));
    assertThat(send("POST", "", "{\"reason\":\"secret plans\"}", TOKEN).statusCode()).isEqualTo(201);
    JsonObject anonymous = new JsonObject(send("GET", "", null, null).body());
    assertThat(anonymous.getJsonArray("active")).hasSize(1);
    assertThat(anonymous.getJsonArray("active").getJsonObject(0).getString("checks")).isEqualTo("all");
    assertThat(anonymous.getJsonArray("upcoming").getJsonObject(0).getString("name")).isEqualTo("weekly");
    assertThat(anonymous.encode()).doesNotContain("secret plans").doesNotContain("config reason");
    String granted = send("GET", "?verbose", null, TOKEN).body();
    assertThat(granted).contains("secret plans").contains("config reason");
  }
}
