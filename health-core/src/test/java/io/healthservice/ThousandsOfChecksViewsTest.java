package io.healthservice;

import io.healthservice.support.FakeClock;
import io.healthservice.support.HandCheck;
import io.healthservice.support.Loop;
import io.healthservice.support.ProbeHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost at scale (issue 32, item 5): with 3,000 checks, paced and published once per tick, every view says
 * what it says with two: the verdict, {@code ?exclude}, {@code /health/{name}}, Vert.x's procedures, and a change
 * reaches them within a tick. On the fake clock, behind a real HTTP server.
 */
class ThousandsOfChecksViewsTest {

  private static final int CHECKS = 3_000;
  private static final CheckSettings CRITICAL = new CheckSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(2),
    Duration.ofSeconds(30), 1, 1);
  /** The publication tick of 3,000 checks: a millisecond per 10 checks past 1,000 (Pacing). */
  private static final long TICK_MS = 300;
  private static Vertx vertx;

  private final FakeClock clock = new FakeClock();
  private final Loop loop = new Loop(vertx);
  private final List<HandCheck> checks = new ArrayList<>();
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

  @AfterEach
  void stop() throws Exception {
    if (checker != null) {
      loop.await(checker::stop);
    }
    if (server != null) {
      server.close().await(5, TimeUnit.SECONDS);
    }
  }

  private void start() throws Exception {
    HealthCheckerBuilder builder = HealthChecker.builder(vertx, "estate", "1.0").clock(clock).logTransitions(false)
      .details(DetailsVisibility.ALWAYS, java.util.Optional.empty());
    for (int i = 0; i < CHECKS; i++) {
      HandCheck check = HandCheck.named(String.format("svc-%04d", i)).healthy();
      checks.add(check);
      builder.check(check.check(), CRITICAL);
    }
    checker = builder.build();
    Router app = Router.router(vertx);
    app.route("/health*").subRouter(checker.router());
    server = vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    http = new ProbeHttp(server.actualPort());
    loop.await(checker::start);
    loop.run(() -> clock.advance(TICK_MS)); // the tick that publishes the first results
  }

  @Test
  void everyViewIsRightAndAChangeReachesItWithinATick() throws Exception {
    start();
    assertThat(http.get("/health").status()).isEqualTo(200);
    assertThat(http.get("/health/ready").status()).isEqualTo(200);
    assertThat(http.get("/health").json().getJsonObject("dependencies").size()).isEqualTo(CHECKS);

    // One of 3,000 goes down: the verdict, its own route, ?exclude and Vert.x's procedures all see it.
    HandCheck broken = checks.get(1234);
    broken.failing(new CheckFailure(FailureKind.REFUSED, "connection refused"));
    loop.run(() -> clock.advance(10_000 + 1_000 + TICK_MS)); // its next run (within an interval and the jitter), then a tick
    ProbeHttp.Answer health = http.get("/health");
    assertThat(health.status()).isEqualTo(503);
    JsonObject dependencies = health.json().getJsonObject("dependencies");
    assertThat(dependencies.getString("svc-1234")).isEqualTo("error");
    assertThat(dependencies.fieldNames().stream().filter(n -> !dependencies.getString(n).equals("ok")))
      .containsExactly("svc-1234");
    assertThat(http.get("/health/svc-1234").status()).isEqualTo(503);
    assertThat(http.get("/health/svc-1233").status()).isEqualTo(200);
    assertThat(http.get("/health?exclude=svc-1234").status()).isEqualTo(200);
    assertThat(http.get("/health/ready").status()).isEqualTo(503);
    assertThat(http.get("/health?verbose").json().getJsonObject("details").getJsonObject("svc-1234").getString("reason"))
      .isEqualTo("connection refused");
    HealthChecks procedures = checker.healthChecks();
    JsonObject vertxView = procedures.checkStatus().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).toJson();
    assertThat(vertxView.getString("outcome")).isEqualTo("DOWN");

    // Back up: everything ok again within an interval and a tick.
    broken.healthy();
    loop.run(() -> clock.advance(10_000 + 1_000 + TICK_MS));
    assertThat(http.get("/health").status()).isEqualTo(200);
    assertThat(http.get("/health/svc-1234").status()).isEqualTo(200);
  }
}
