package io.healthservice;

import io.healthservice.support.FakeClock;
import io.healthservice.support.HandCheck;
import io.healthservice.support.Loop;
import io.healthservice.support.ProbeHttp;
import io.healthservice.support.ProbeHttp.Answer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller of {@code /health*} sees in each state, from a {@link HealthChecker} built as an application
 * builds it, over checks the test answers by hand, on a clock the test advances, behind a real HTTP server.
 * No sleeps: time passes only when the test says so, and every request has a 5 s deadline.
 */
class ProbeMatrixTest {

  private static final String TOKEN = "matrix-details-token";
  /** Run every 1 s with a 2 s budget; a result older than 2.5 s is stale (shorter than a hung run's timeout). */
  private static final CheckSettings CRITICAL = new CheckSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(2),
    Duration.ofMillis(2500), 1, 1);
  private static final CheckSettings OPTIONAL = new CheckSettings(false, Duration.ofSeconds(1), Duration.ofSeconds(2),
    Duration.ofMillis(2500), 1, 1);

  private static Vertx vertx;

  private final FakeClock clock = new FakeClock();
  private final HandCheck database = HandCheck.named("database");
  private final HandCheck search = HandCheck.named("search");
  private final Loop loop = new Loop(vertx);
  private HealthChecker checker;
  private HttpServer server;
  private ProbeHttp http;

  @BeforeAll
  static void createVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  /** database (critical) and search (not), details for bearers of {@link #TOKEN}; started on the loop. */
  private void start() throws Exception {
    checker = HealthChecker.builder(vertx, "shop", "2.0.1")
      .check(database.check(), CRITICAL)
      .check(search.check(), OPTIONAL)
      .details(DetailsVisibility.WHEN_AUTHORIZED, Optional.of(TOKEN))
      .clock(clock)
      .logTransitions(false)
      .build();
    Router app = Router.router(vertx);
    app.route("/health*").subRouter(checker.router());
    server = vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    http = new ProbeHttp(server.actualPort());
    loop.await(checker::start);
  }

  @AfterEach
  void stop() throws Exception {
    if (checker != null) {
      loop.await(checker::stop);
    }
    if (server != null) {
      server.close().await(5, TimeUnit.SECONDS);
    }
  }

  private void advance(long ms) {
    loop.run(() -> clock.advance(ms));
  }

  private Answer get(String uri) throws Exception {
    return http.get(uri);
  }

  private Answer verbose(String uri) throws Exception {
    return http.get(uri + (uri.contains("?") ? "&" : "?") + "verbose", "Authorization", "Bearer " + TOKEN);
  }

  private static JsonObject detail(Answer answer, String check) {
    return answer.json().getJsonObject("details").getJsonObject(check);
  }

  @Test
  void everyDependencyOkIs200Ok() throws Exception {
    database.healthy();
    search.healthy();
    start();
    assertThat(get("/health/live")).extracting(Answer::status, Answer::body)
      .containsExactly(200, "{\"status\":\"ok\",\"event_loop_lag_ms\":0}");
    advance(1234);
    Answer health = get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\",\"service\":\"shop\",\"version\":\"2.0.1\","
      + "\"dependencies\":{\"database\":\"ok\",\"search\":\"ok\"},\"uptime\":1.234,\"timestamp\":\"2026-11-24T08:00:01.234Z\"}");
    assertThat(health.header("content-type")).isEqualTo("application/json");
    assertThat(health.header("cache-control")).isEqualTo("no-store");
    assertThat(get("/health/ready").status()).isEqualTo(200);
    assertThat(get("/health/started")).extracting(Answer::status, Answer::body).containsExactly(200, "{\"status\":\"ok\"}");
  }

  @Test
  void aNonCriticalDependencyDownIsDegradedAndStill200() throws Exception {
    database.healthy();
    search.failing(new ConnectException("search.internal:9200"));
    start();
    Answer health = verbose("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().getString("status")).isEqualTo("degraded");
    assertThat(health.json().getJsonObject("dependencies").getMap()).containsEntry("database", "ok").containsEntry("search", "degraded");
    assertThat(detail(health, "search").getString("reason")).isEqualTo("connection refused");
    assertThat(detail(health, "search").getString("failure_kind")).isEqualTo("refused");
    assertThat(detail(health, "search").getBoolean("critical")).isFalse();
    assertThat(get("/health/ready").status()).as("degraded stays in rotation").isEqualTo(200);
    assertThat(get("/health/search")).extracting(Answer::status, Answer::body)
      .containsExactly(200, "{\"status\":\"degraded\",\"check\":\"search\"}");
  }

  @Test
  void aCriticalDependencyDownIs503Error() throws Exception {
    database.failing(new ConnectException("db.internal:5432"));
    search.healthy();
    start();
    Answer health = get("/health");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().getString("status")).isEqualTo("error");
    assertThat(health.json().getJsonObject("dependencies").getMap()).containsEntry("database", "error").containsEntry("search", "ok");
    Answer ready = get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().getString("status")).isEqualTo("error");
    assertThat(ready.json().containsKey("reason")).as("nothing but the dependency holds it back").isFalse();
    assertThat(get("/health/database")).extracting(Answer::status, Answer::body)
      .containsExactly(503, "{\"status\":\"error\",\"check\":\"database\"}");
    assertThat(get("/health/live").status()).as("an outage never restarts the process").isEqualTo(200);
  }

  @Test
  void aResultThatOutlivesItsMaxAgeWhileTheNextRunHangsIsStale() throws Exception {
    database.healthy();
    search.healthy();
    start();
    database.manual(); // the run at 1 s hangs; its timeout would only end it at 3 s
    advance(2500);
    assertThat(get("/health").status()).as("2.5 s old: still within max_age").isEqualTo(200);
    advance(1);
    Answer stale = verbose("/health");
    assertThat(stale.status()).isEqualTo(503);
    assertThat(stale.json().getJsonObject("dependencies").getString("database")).isEqualTo("error");
    assertThat(detail(stale, "database").getString("status")).isEqualTo("error");
    assertThat(detail(stale, "database").getString("failure_kind")).isEqualTo("stale");
    assertThat(detail(stale, "database").getString("reason")).isEqualTo("stale: no result for 2501 ms");
    assertThat(detail(stale, "search").getString("status")).as("search kept answering").isEqualTo("ok");
    assertThat(get("/health/database").status()).isEqualTo(503);
    assertThat(get("/health/ready").status()).isEqualTo(503);
  }

  @Test
  void aCheckThatNeverAnswersKeepsTheInstanceStartingThenTimesOutOnTheClock() throws Exception {
    search.healthy();
    start(); // database never answers
    assertThat(get("/health/started")).extracting(Answer::status, Answer::body)
      .containsExactly(503, "{\"status\":\"error\",\"reason\":\"starting\"}");
    Answer ready = get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().getString("reason")).isEqualTo("starting");
    Answer pending = verbose("/health");
    assertThat(pending.status()).as("no result is no ok").isEqualTo(503);
    assertThat(detail(pending, "database").getString("failure_kind")).isEqualTo("pending");
    assertThat(detail(pending, "database").getString("reason")).isEqualTo("not checked yet");
    assertThat(detail(pending, "database").getValue("last_checked")).isNull();

    advance(1999);
    assertThat(get("/health/started").status()).isEqualTo(503);
    advance(1);
    Answer timedOut = verbose("/health");
    assertThat(timedOut.status()).isEqualTo(503);
    assertThat(detail(timedOut, "database").getString("reason")).isEqualTo("timeout after 2000 ms");
    assertThat(detail(timedOut, "database").getString("failure_kind")).isEqualTo("timeout");
    assertThat(detail(timedOut, "database").getLong("latency_ms")).isEqualTo(2000);
    assertThat(detail(timedOut, "database").getString("last_checked")).isEqualTo("2026-11-24T08:00:02.000Z");
    assertThat(get("/health/started").status()).as("a timed-out run is a completed run").isEqualTo(200);
    assertThat(get("/health/ready").json().containsKey("reason")).isFalse();
  }

  @Test
  void drainingTakesReadinessOutButNotLiveness() throws Exception {
    database.healthy();
    search.healthy();
    start();
    assertThat(get("/health/ready").status()).isEqualTo(200);
    checker.startDraining();
    Answer ready = get("/health/ready");
    assertThat(ready.status()).isEqualTo(503);
    assertThat(ready.json().getString("reason")).isEqualTo("draining");
    assertThat(ready.json().getString("status")).as("the dependencies are fine").isEqualTo("ok");
    assertThat(get("/health/live").status()).isEqualTo(200);
    assertThat(get("/health").status()).as("the aggregate speaks of dependencies only").isEqualTo(200);
  }

  @Test
  void oneCheckByNameAndAnUnknownNameIs404() throws Exception {
    database.healthy();
    search.healthy();
    start();
    assertThat(get("/health/database")).extracting(Answer::status, Answer::body)
      .containsExactly(200, "{\"status\":\"ok\",\"check\":\"database\"}");
    Answer unknown = get("/health/nosuchcheck");
    assertThat(unknown).extracting(Answer::status, Answer::body).containsExactly(404, "{\"error\":\"unknown check\"}");
    assertThat(unknown.header("content-type")).isEqualTo("application/json");
  }

  @Test
  void headHasGetsStatusAndNoBody() throws Exception {
    database.failing(new ConnectException("db.internal:5432"));
    search.healthy();
    start();
    String body = get("/health").body();
    Answer head = http.send("HEAD", "/health");
    assertThat(head).extracting(Answer::status, Answer::body).containsExactly(503, "");
    assertThat(head.header("content-length")).isEqualTo(Integer.toString(body.length()));
    assertThat(head.header("content-type")).isEqualTo("application/json");
    assertThat(http.send("HEAD", "/health/search")).extracting(Answer::status, Answer::body).containsExactly(200, "");
  }

  @Test
  void optionsSaysWhatIsAllowedOtherMethodsAre405AndLargeBodies413() throws Exception {
    database.healthy();
    search.healthy();
    start();
    Answer options = http.send("OPTIONS", "/health/ready");
    assertThat(options).extracting(Answer::status, Answer::body).containsExactly(200, "{\"status\":\"ok\"}");
    assertThat(options.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
    Answer post = http.send("POST", "/health");
    assertThat(post).extracting(Answer::status, Answer::body).containsExactly(405, "{\"error\":\"method not allowed\"}");
    assertThat(post.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(http.send("DELETE", "/health/database").status()).isEqualTo(405);
    // Refused on the header alone, before a byte of the body is read.
    String large = http.raw("POST /health/ready HTTP/1.1\r\nContent-Length: " + (64 * 1024 + 1));
    assertThat(large).startsWith("HTTP/1.1 413").containsIgnoringCase("connection: close")
      .endsWith("{\"error\":\"request body too large\"}");
  }

  @Test
  void excludingTheDownCheckTurns503Into200() throws Exception {
    database.failing(new ConnectException("db.internal:5432"));
    search.healthy();
    start();
    assertThat(get("/health").status()).isEqualTo(503);
    Answer without = get("/health?exclude=database");
    assertThat(without.status()).isEqualTo(200);
    assertThat(without.json().getString("status")).isEqualTo("ok");
    assertThat(without.json().getJsonObject("dependencies").fieldNames()).containsExactly("search");
    assertThat(get("/health/ready?exclude=database").status()).isEqualTo(200);
    assertThat(get("/health?exclude=search").status()).as("excluding another check changes nothing").isEqualTo(503);
  }

  @Test
  void verboseDetailsOnlyForTheBearerOfTheToken() throws Exception {
    database.healthy();
    search.failing(new ConnectException("search.internal:9200"));
    start();
    assertThat(get("/health?verbose").json().containsKey("details")).as("anonymous").isFalse();
    assertThat(http.get("/health?verbose", "Authorization", "Bearer wrong-token").json().containsKey("details")).isFalse();
    assertThat(http.get("/health?verbose", "Authorization", TOKEN).json().containsKey("details")).as("not a bearer").isFalse();
    assertThat(http.get("/health", "Authorization", "Bearer " + TOKEN).json().containsKey("details")).as("not asked").isFalse();
    assertThat(http.get("/health?verbose=false", "Authorization", "Bearer " + TOKEN).json().containsKey("details")).isFalse();
    assertThat(get("/health/search?verbose").json().containsKey("details")).isFalse();

    Answer granted = verbose("/health");
    assertThat(granted.json().getJsonObject("details").fieldNames()).containsExactlyInAnyOrder("database", "search");
    JsonObject db = detail(granted, "database");
    assertThat(db.getString("status")).isEqualTo("ok");
    assertThat(db.getBoolean("critical")).isTrue();
    assertThat(db.getString("last_checked")).isEqualTo("2026-11-24T08:00:00.000Z");
    assertThat(db.getInteger("consecutive_successes")).isEqualTo(1);
    assertThat(db.containsKey("reason")).isFalse();
    assertThat(detail(granted, "search").getString("reason")).isEqualTo("connection refused");
    assertThat(detail(verbose("/health/search"), "search").getString("failure_kind")).isEqualTo("refused");
  }
}
