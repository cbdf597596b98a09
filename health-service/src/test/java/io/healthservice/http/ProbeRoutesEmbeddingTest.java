package io.healthservice.http;

import io.healthservice.CheckSettings;
import io.healthservice.DetailsVisibility;
import io.healthservice.HealthChecker;
import io.healthservice.support.FakeClock;
import io.healthservice.support.HandCheck;
import io.healthservice.support.LogCapture;
import io.healthservice.support.Loop;
import io.healthservice.support.ProbeHttp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API as an application embeds it: a {@link HealthChecker}'s router mounted as a Vert.x 5 sub-router
 * beside the application's own routes, over checks the test answers by hand, on a clock the test advances
 * ({@link FakeClock}). No dependency servers, no sleeps.
 */
@ExtendWith(VertxExtension.class)
class ProbeRoutesEmbeddingTest {

  /** Runs every 10 s with a 1 s budget; results count for 10 s. */
  private static final CheckSettings CRITICAL = new CheckSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(1),
    Duration.ofSeconds(10), 1, 1);
  private static final CheckSettings OPTIONAL = new CheckSettings(false, Duration.ofSeconds(10), Duration.ofSeconds(1),
    Duration.ofSeconds(10), 1, 1);

  private final FakeClock clock = new FakeClock();
  private final HandCheck database = HandCheck.named("database").healthy();
  private final HandCheck openai = HandCheck.named("openai").healthy();
  private Loop loop;
  private HealthChecker checker;
  private ProbeHttp http;

  private record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** database (critical) and llm_services (one non-critical endpoint, openai), started on the loop. */
  private void start(Vertx vertx) {
    checker = HealthChecker.builder(vertx, "app", "1.2.3")
      .check(database.check(), CRITICAL)
      .group("llm_services", OPTIONAL, List.of(openai.check()))
      .details(DetailsVisibility.ALWAYS, Optional.empty())
      .clock(clock)
      .logTransitions(false)
      .build();
    Router app = Router.router(vertx);
    app.route("/health*").subRouter(checker.router());
    app.route("/healthz").handler(ctx -> ctx.end("app healthz"));
    app.route("/").handler(ctx -> ctx.end("app home"));
    app.route("/lb").handler(checker.probes().loadBalancerCheck());
    app.route().last().handler(ctx -> ctx.response().setStatusCode(404).end("app 404"));
    http = new ProbeHttp(vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1").await().actualPort());
    loop = new Loop(vertx);
    loop.await(checker::start);
  }

  @AfterEach
  void stop() {
    if (checker != null) {
      loop.await(checker::stop);
    }
  }

  private void advance(long ms) {
    loop.run(() -> clock.advance(ms));
  }

  private Answer send(String method, String uri) throws Exception {
    ProbeHttp.Answer answer = http.send(method, uri);
    return new Answer(answer.status(), answer.body());
  }

  private Answer get(String uri) throws Exception {
    return send("GET", uri);
  }

  @Test
  void everyProbeAnswersUnderTheMountPoint(Vertx vertx) throws Exception {
    start(vertx);
    advance(1234);
    assertThat(get("/health")).isEqualTo(new Answer(200, "{\"status\":\"ok\",\"service\":\"app\",\"version\":\"1.2.3\","
      + "\"dependencies\":{\"database\":\"ok\",\"llm_services\":\"ok\"},\"uptime\":1.234,\"timestamp\":\"2026-11-24T08:00:01.234Z\"}"));
    assertThat(get("/health/").status()).isEqualTo(200);
    assertThat(get("/health/live").json().getString("status")).isEqualTo("ok");
    assertThat(get("/health/ready").status()).isEqualTo(200);
    assertThat(get("/health/started").status()).isEqualTo(200);
    assertThat(get("/health/database").body()).isEqualTo("{\"status\":\"ok\",\"check\":\"database\"}");
    assertThat(get("/health/openai").body()).isEqualTo("{\"status\":\"ok\",\"check\":\"openai\"}");
    assertThat(get("/health?verbose").json().getJsonObject("details").fieldNames()).containsExactly("database", "llm_services");
    assertThat(send("HEAD", "/health")).isEqualTo(new Answer(200, ""));
    assertThat(send("POST", "/health/ready").status()).isEqualTo(405);
    assertThat(send("OPTIONS", "/health/ready").status()).isEqualTo(200);
  }

  @Test
  void pathsTheProbesDoNotOwnFallThroughToTheApplication(Vertx vertx) throws Exception {
    start(vertx);
    assertThat(get("/healthz").body()).isEqualTo("app healthz");
    assertThat(get("/").body()).isEqualTo("app home");
    assertThat(get("/health/a/b")).isEqualTo(new Answer(404, "app 404"));
    assertThat(get("/health/nosuchcheck")).isEqualTo(new Answer(404, "{\"error\":\"unknown check\"}"));
  }

  @Test
  void aMalformedQueryIs400WithoutAnErrorLog(Vertx vertx) throws Exception {
    start(vertx);
    try (LogCapture logs = LogCapture.install()) {
      assertThat(http.raw("GET /health?exclude=%zz HTTP/1.1")).startsWith("HTTP/1.1 400").endsWith("{\"error\":\"bad request\"}");
      assertThat(logs.lines()).noneMatch(l -> l.contains("SEVERE"));
    }
  }

  @Test
  void aNewResultIsAnsweredAtOnce(Vertx vertx) throws Exception {
    start(vertx);
    assertThat(get("/health").status()).isEqualTo(200);
    openai.failing(new ConnectException("api.openai.test:443"));
    advance(10_000); // the next runs
    assertThat(get("/health").json().getString("status")).isEqualTo("degraded");
    assertThat(get("/health/ready").status()).isEqualTo(200);
    database.failing(new ConnectException("db.internal:5432"));
    advance(10_000);
    Answer down = get("/health?verbose");
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().getJsonObject("details").getJsonObject("database").getString("reason")).isEqualTo("connection refused");
    assertThat(get("/health/ready").status()).isEqualTo(503);
  }

  @Test
  void resultsTurnStaleOnTheInjectedClock(Vertx vertx) throws Exception {
    start(vertx);
    assertThat(get("/health").status()).isEqualTo(200);
    database.manual(); // the run at 10 s hangs (its timeout ends it at 11 s)
    advance(10_001);
    // Same snapshot, later instant: the cached rendering must not outlive the results it shows.
    Answer stale = get("/health?verbose");
    assertThat(get("/health").status()).isEqualTo(503);
    assertThat(stale.json().getJsonObject("details").getJsonObject("database").getString("failure_kind")).isEqualTo("stale");
    assertThat(stale.json().getDouble("uptime")).isEqualTo(10.001);
  }

  @Test
  void startingAndDrainingKeepTheInstanceOutOfRotation(Vertx vertx) throws Exception {
    database.manual(); // its first run has not answered yet
    start(vertx);
    assertThat(get("/health/started")).isEqualTo(new Answer(503, "{\"status\":\"error\",\"reason\":\"starting\"}"));
    assertThat(get("/health/ready").json().getString("reason")).isEqualTo("starting");

    loop.run(database::succeed);
    assertThat(send("OPTIONS", "/lb").status()).isEqualTo(200);
    checker.startDraining();
    assertThat(get("/health/ready").json().getString("reason")).isEqualTo("draining");
    // A load balancer's bare OPTIONS check sees it too.
    assertThat(send("OPTIONS", "/lb").status()).isEqualTo(503);
    assertThat(get("/health/live").status()).isEqualTo(200);
  }
}
