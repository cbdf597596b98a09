package io.healthservice.status;

import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.DetailsVisibility;
import io.healthservice.FailureKind;
import io.healthservice.HealthChecker;
import io.healthservice.support.FakeClock;
import io.healthservice.support.HandCheck;
import io.healthservice.support.Loop;
import io.healthservice.support.ProbeHttp;
import io.healthservice.support.ProbeHttp.Answer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StatusPages#mount} on an application's router beside the probes (a sub-router), over checks the test
 * answers, on a clock it advances: the routes, their method policy, and the checker's details policy.
 */
@ExtendWith(VertxExtension.class)
class StatusPagesMountTest {

  private static final String TOKEN = "status-pages-mount-token-01";
  private static final CheckSettings CRITICAL = new CheckSettings(true, Duration.ofSeconds(10), Duration.ofSeconds(1),
    Duration.ofSeconds(30), 1, 1);

  private final FakeClock clock = new FakeClock();
  private final HandCheck redis = HandCheck.named("redis").healthy();
  private final HandCheck openai = HandCheck.named("openai").healthy();
  private Loop loop;
  private HealthChecker checker;
  private ProbeHttp http;

  private void start(Vertx vertx) {
    checker = HealthChecker.builder(vertx, "chat", "1.0")
      .check(redis.check(), CRITICAL)
      .group("llm_services", CRITICAL, List.of(openai.check()))
      .details(DetailsVisibility.WHEN_AUTHORIZED, Optional.of(TOKEN))
      .clock(clock)
      .logTransitions(false)
      .build();
    Router router = Router.router(vertx);
    StatusPages.mount(router, checker);
    router.route("/health*").subRouter(checker.router());
    http = new ProbeHttp(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await().actualPort());
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

  @Test
  void theHistoryFollowsTheCheckerOnItsClockAndReasonsOnlyForAuthorizedCallers(Vertx vertx) throws Exception {
    start(vertx);
    advance(60_000);
    redis.failing(new CheckFailure(FailureKind.REFUSED, "connection refused"));
    advance(10_000);

    Answer history = http.get("/health/history");
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.header("content-type")).isEqualTo("application/json");
    assertThat(history.header("cache-control")).isEqualTo("no-store");
    JsonObject json = history.json();
    assertThat(json.getString("service")).isEqualTo("chat");
    assertThat(json.getString("timestamp")).isEqualTo(FakeClock.START.plusSeconds(70).toString());
    JsonObject redisHistory = json.getJsonObject("checks").getJsonObject("redis");
    assertThat(redisHistory.getString("state")).isEqualTo("down");
    assertThat(redisHistory.getJsonArray("transitions").getJsonObject(0).containsKey("reason")).isFalse();
    assertThat(json.getJsonObject("checks").getJsonObject("openai").getString("group")).isEqualTo("llm_services");

    assertThat(http.get("/health/history?verbose").body()).doesNotContain("connection refused");
    assertThat(http.get("/health/history?verbose", "Authorization", "Bearer " + TOKEN).json().getJsonObject("checks")
      .getJsonObject("redis").getJsonArray("transitions").getJsonObject(0).getString("reason"))
      .isEqualTo("connection refused");

    Answer page = http.get("/status");
    assertThat(page.status()).as("a page, not a probe").isEqualTo(200);
    assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(page.body()).contains("chat", "✕ Error").doesNotContain("connection refused");
    assertThat(http.get("/status?verbose", "Authorization", "Bearer " + TOKEN).body()).contains("connection refused");

    // The probes beside them are untouched: /health/{check} still answers the checks.
    assertThat(http.get("/health/redis").status()).isEqualTo(503);
    assertThat(http.get("/health").status()).isEqualTo(503);
  }

  @Test
  void badgesAndTheMethodPolicyOfTheProbes(Vertx vertx) throws Exception {
    start(vertx);
    advance(60_000);
    Answer badge = http.get("/badge/llm_services.svg");
    assertThat(badge.status()).isEqualTo(200);
    assertThat(badge.header("content-type")).isEqualTo("image/svg+xml; charset=utf-8");
    assertThat(badge.header("cache-control")).isEqualTo("public, max-age=60, stale-while-revalidate=60");
    assertThat(badge.body()).startsWith("<svg").contains("llm_services");
    assertThat(http.get("/badge/redis.svg", "If-None-Match", badge.header("etag")).status()).as("another badge's ETag")
      .isEqualTo(200);

    Answer unknown = http.get("/badge/nope.svg");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"unknown check\"}");
    assertThat(unknown.header("content-type")).isEqualTo("application/json");
    assertThat(http.get("/badge/redis.png").status()).isEqualTo(404);

    for (String path : List.of("/status", "/health/history", "/badge/redis.svg")) {
      Answer post = http.send("POST", path);
      assertThat(post.status()).as(path).isEqualTo(405);
      assertThat(post.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
      assertThat(http.send("OPTIONS", path).status()).as(path).isEqualTo(200);
      Answer head = http.send("HEAD", path);
      assertThat(head.status()).as(path).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }
}
