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
import java.util.concurrent.TimeUnit;

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

  private StatusPages pages;

  private void start(Vertx vertx) throws Exception {
    start(vertx, DetailsVisibility.WHEN_AUTHORIZED, null);
  }

  /** With {@code options} null, the one-call {@link StatusPages#mount}. */
  private void start(Vertx vertx, DetailsVisibility visibility, StatusOptions options) throws Exception {
    checker = HealthChecker.builder(vertx, "chat", "1.0")
      .check(redis.check(), CRITICAL)
      .group("llm_services", CRITICAL, List.of(openai.check()))
      .details(visibility, Optional.of(TOKEN))
      .clock(clock)
      .logTransitions(false)
      .build();
    Router router = Router.router(vertx);
    pages = options == null ? StatusPages.mount(router, checker) : StatusPages.create(checker, options).addTo(router);
    router.route("/health*").subRouter(checker.router());
    http = new ProbeHttp(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort());
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
    assertThat(http.get("/status", "Authorization", "Bearer " + TOKEN).body()).as("no ?verbose needed").contains("connection refused");
    assertThat(page.body()).contains("redis is down", "History: this replica’s memory since it started");

    // The probes beside them are untouched: /health/{check} still answers the checks.
    assertThat(http.get("/health/redis").status()).isEqualTo(503);
    assertThat(http.get("/health").status()).isEqualTo(503);
  }

  @Test
  void pastAHundredChecksTheHistoryJsonLeavesMinutesToOneCheckAtATime(Vertx vertx) throws Exception {
    var builder = HealthChecker.builder(vertx, "chat", "1.0").clock(clock).logTransitions(false);
    for (int i = 0; i < 101; i++) {
      builder.check(HandCheck.named(String.format("c%03d", i)).healthy().check(), CRITICAL);
    }
    checker = builder.build();
    Router router = Router.router(vertx);
    StatusPages.mount(router, checker);
    http = new ProbeHttp(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS).actualPort());
    loop = new Loop(vertx);
    loop.await(checker::start);
    advance(120_000);

    JsonObject all = http.get("/health/history").json();
    assertThat(all.getJsonObject("checks").size()).isEqualTo(101);
    assertThat(all.getJsonObject("retention").getBoolean("minutes_in_body")).isFalse();
    assertThat(all.getJsonObject("checks").getJsonObject("c042").containsKey("minutes")).isFalse();
    assertThat(all.getJsonObject("checks").getJsonObject("c042").getString("state")).isEqualTo("ok");

    JsonObject one = http.get("/health/history?check=c042").json();
    assertThat(one.getJsonObject("checks").fieldNames()).containsExactly("c042");
    assertThat(one.getJsonObject("retention").getBoolean("minutes_in_body")).isTrue();
    assertThat(one.getJsonObject("checks").getJsonObject("c042").getJsonArray("minutes")).isNotEmpty();

    Answer unknown = http.get("/health/history?check=nope");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"unknown check\"}");
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

  @Test
  void detailsAlwaysShowReasonsWithoutVerboseAndNeverHidesThemFromEveryone(Vertx vertx) throws Exception {
    start(vertx, DetailsVisibility.ALWAYS, StatusOptions.defaults());
    redis.failing(new CheckFailure(FailureKind.REFUSED, "connection refused"));
    advance(10_000);
    assertThat(http.get("/status").body()).contains("<span class=\"reason\">connection refused</span>");
    assertThat(http.get("/health/history").json().getJsonObject("checks").getJsonObject("redis")
      .getJsonArray("transitions").getJsonObject(0).getString("reason")).isEqualTo("connection refused");
    assertThat(http.get("/health/redis").body()).as("the probes still want ?verbose").doesNotContain("refused");
    assertThat(http.get("/badge/redis.svg").body()).as("badges never").doesNotContain("refused");
  }

  @Test
  void detailsNeverShowEvenWithTheToken(Vertx vertx) throws Exception {
    start(vertx, DetailsVisibility.NEVER, StatusOptions.defaults());
    redis.failing(new CheckFailure(FailureKind.REFUSED, "connection refused"));
    advance(10_000);
    assertThat(http.get("/status?verbose", "Authorization", "Bearer " + TOKEN).body()).contains("redis is down")
      .doesNotContain("refused");
  }

  @Test
  void withAStoreThePageShowsTheFleetAndSaysWhenTheStoreIsDown(Vertx vertx) throws Exception {
    FakeHistoryStore store = new FakeHistoryStore();
    List<Double> bars = java.util.Collections.nCopies(144, 0.0);
    store.fleet = Optional.of(new HistoryStore.Fleet(FakeClock.START, java.util.Map.of("a", FakeClock.START, "b",
      FakeClock.START, "c", FakeClock.START), java.util.Map.of("redis", new HistoryStore.FleetCheck(
      java.util.Map.of("a", "ok", "b", "down", "c", "ok"), java.util.Map.of("24h", 98.25, "90d", 99.99), bars, 4.0,
      List.of()))));
    start(vertx, DetailsVisibility.NEVER, StatusOptions.defaults().instance("a").store(store)
      .maintenance((check, at) -> check.equals("openai") ? Optional.of("quota reset") : Optional.empty())
      .kinds(check -> check.equals("redis") ? "redis" : "http"));
    advance(70_000);

    String html = http.get("/status").body();
    assertThat(html).contains("History: 3 replicas, from the shared store", "down on b of 3 replicas",
      "<b class=\"up24h\">98.25 %</b>", "🔧 Maintenance: quota reset", "<span class=\"tag kind\">redis</span>");
    assertThat(html.indexOf("id=\"check-")).as("down on a replica: first").isEqualTo(html.indexOf("id=\"check-redis\""));
    assertThat(html).as("this replica is fine: its verdict says so, and where redis is down")
      .contains("✓ OK: up here; redis is down on another replica");
    assertThat(http.get("/status?q=http").body()).contains("id=\"check-openai\"").doesNotContain("id=\"check-redis\"");
    assertThat(http.raw("GET /status?q=%zz&page=x HTTP/1.1")).as("a mangled query: a page or a 400, never a 500")
      .containsPattern("^HTTP/1.1 (200|400) ");
    assertThat(http.get("/status?page=999").body()).contains("Page 1 of 1");
    JsonObject json = http.get("/health/history").json();
    assertThat(json.getJsonObject("retention").getBoolean("persisted")).isTrue();
    assertThat(json.getJsonObject("store").getJsonArray("replicas").getList()).containsExactly("a", "b", "c");
    assertThat(json.getJsonObject("checks").getJsonObject("redis").getJsonObject("fleet").getJsonObject("uptime").getDouble("90d"))
      .isEqualTo(99.99);
    assertThat(store.minutes()).as("the closed minute went to the store").isNotEmpty()
      .allMatch(m -> m.epochMinute() == FakeClock.START.getEpochSecond() / 60);

    store.status = new HistoryStore.StoreStatus(false, FakeClock.START.plusSeconds(60), "connection refused", 42, 7);
    advance(1_000);
    String fallback = http.get("/status").body();
    assertThat(fallback).contains("History store unreachable since Nov 24, 08:01:00 UTC: showing this replica’s memory;"
      + " 42 records waiting, 7 dropped.").doesNotContain("replicas");
    assertThat(http.get("/health/history").json().getJsonObject("store").getBoolean("up")).isFalse();

    loop.await(checker::stop);
    checker = null;
    pages.close().await(10, TimeUnit.SECONDS);
    assertThat(store.closed).isTrue();
  }
}
