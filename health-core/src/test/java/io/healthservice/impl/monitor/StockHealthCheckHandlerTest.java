package io.healthservice.impl.monitor;

import io.healthservice.support.FakeClock;

import io.healthservice.DependencyGroup;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static io.healthservice.impl.monitor.HealthMonitorTest.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vert.x's stock {@code HealthCheckHandler}, on a real HTTP server, over the monitor's procedures: it reports
 * our checks from the background results, so it never pings per request, never waits for a hung
 * dependency and answers 503 (not 500) for one. Time is the fake clock's; only HTTP is real.
 */
@ExtendWith(VertxExtension.class)
class StockHealthCheckHandlerTest {

  private final FakeClock clock = new FakeClock();
  private final FakeCheck database = new FakeCheck("database").healthy();
  private final FakeCheck redis = new FakeCheck("redis").healthy();
  private final FakeCheck openai = new FakeCheck("openai").healthy();
  private HealthMonitor monitor;
  private HttpServer server;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private record Response(int status, JsonObject body) {
    /** The entry of procedure {@code id} ("database", "llm_services/openai") in the stock handler's output. */
    JsonObject check(String id) {
      JsonObject node = body;
      for (String part : id.split("/")) {
        JsonArray checks = node.getJsonArray("checks");
        node = checks.stream().map(JsonObject.class::cast).filter(c -> part.equals(c.getString("id"))).findFirst()
          .orElseThrow(() -> new AssertionError("no check " + id + " in " + body));
      }
      return node;
    }
  }

  @BeforeEach
  void setUp(Vertx vertx) {
    monitor = new HealthMonitor(vertx, clock, List.of(
      new DependencyGroup("database", true, List.of("database")),
      new DependencyGroup("redis", true, List.of("redis")),
      new DependencyGroup("llm_services", false, List.of("openai"))), List.of(
      new MonitoredCheck(database, settings(1000, 2000, 5000, 1, 1)),
      new MonitoredCheck(redis, settings(1000, 2000, 5000, 1, 1)),
      new MonitoredCheck(openai, settings(1000, 2000, 5000, 1, 1))));

    Router router = Router.router(vertx);
    // The one-liner for the service itself.
    router.get("/health/checks").handler(HealthCheckHandler.createWithHealthChecks(monitor.healthChecks()));
    // An application that already has its own HealthChecks and handler.
    HealthChecks theirs = HealthChecks.create(vertx).register("own", promise -> promise.complete(Status.OK()));
    monitor.registerInto(theirs);
    router.get("/app/health").handler(HealthCheckHandler.createWithHealthChecks(theirs));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void tearDown() {
    server.close().await();
  }

  private Response get(String path) throws Exception {
    // A blocking client on the test thread: a Vert.x client driven from outside its event loop races
    // the response's end against the body handler being set.
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.actualPort() + path)).timeout(Duration.ofSeconds(10)).build(),
      HttpResponse.BodyHandlers.ofString());
    return new Response(response.statusCode(), new JsonObject(response.body()));
  }

  @Test
  void allUpIs200AndRequestsNeverPing() throws Exception {
    monitor.start();
    for (int i = 0; i < 5; i++) {
      Response response = get("/health/checks");
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body().getString("status")).isEqualTo("UP");
      for (String id : List.of("database", "redis", "llm_services/openai")) {
        assertThat(response.check(id).getString("status")).as(id).isEqualTo("UP");
      }
    }
    assertThat(List.of(database.pings(), redis.pings(), openai.pings())).containsExactly(1, 1, 1);
  }

  @Test
  void aHungDependencyIs503NotA500AndTheAnswerDoesNotWaitForIt() throws Exception {
    monitor.start();
    database.manual();
    clock.advance(1000); // the database's second ping hangs

    Response whileHanging = get("/health/checks");
    assertThat(whileHanging.status()).as("the latest result is still fresh").isEqualTo(200);

    clock.advance(2000); // our timeout: the hung run ends as a timeout
    Response afterTimeout = get("/health/checks");
    assertThat(afterTimeout.status()).isEqualTo(503);
    assertThat(afterTimeout.check("database").getString("status")).isEqualTo("DOWN");
    assertThat(afterTimeout.check("database").getJsonObject("data")).isEqualTo(new JsonObject().put("kind", "timeout"));
    assertThat(afterTimeout.check("redis").getString("status")).isEqualTo("UP");
    assertThat(afterTimeout.body().encode()).as("no reason text for anonymous callers").doesNotContain("2000 ms");
    assertThat(database.pings()).as("requests never ping").isEqualTo(2);
    assertThat(database.unanswered()).isEqualTo(1);
  }

  @Test
  void anApplicationsOwnHandlerReportsOurChecksBesideItsOwn() throws Exception {
    Response beforeFirstResult = get("/app/health");
    assertThat(beforeFirstResult.status()).isEqualTo(503);
    assertThat(beforeFirstResult.check("database").getJsonObject("data")).isEqualTo(new JsonObject().put("kind", "pending"));
    assertThat(database.pings()).isZero();

    monitor.start();
    Response response = get("/app/health");
    assertThat(response.status()).isEqualTo(200);
    for (String id : List.of("own", "database", "redis", "llm_services/openai")) {
      assertThat(response.check(id).getString("status")).as(id).isEqualTo("UP");
    }
  }
}
