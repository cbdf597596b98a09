package io.healthservice.status;

import io.healthservice.support.RunningService;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /status}, {@code /health/history} and the badges over HTTP, while Redis (behind a proxy) goes
 * down and comes back: what they show, to whom, and with which headers.
 */
class StatusPagesTest extends ServiceTest {

  private static final String TOKEN = "status-pages-test-token-0001";
  private static final String[] AUTHORIZED = {"Authorization", "Bearer " + TOKEN};

  @BeforeEach
  void start() throws Exception {
    fixture.config.put("details", new JsonObject().put("visibility", "when-authorized").put("token", TOKEN));
    // Not fixture.start(): its 1 s limit on each probe is about probes, and a cold JVM's first request
    // on a loaded machine can take longer. Here the page's content is under test, not probe latency.
    service = RunningService.start(fixture.config, fixture.env);
    service.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(15), 5_000);
  }

  @Test
  void thePageShowsStatesToEveryoneAndReasonsOnlyToAuthorizedCallers() throws Exception {
    // The first runs of a cold JVM may time out: wait for every check to be up.
    Probe up = service.await("/status", p -> p.body().contains("✓ OK"), Duration.ofSeconds(15), 5_000);
    assertThat(up.status()).isEqualTo(200);
    assertThat(up.header("content-type")).isEqualTo("text/html; charset=utf-8");
    assertThat(up.header("content-security-policy")).startsWith("default-src 'none'; style-src 'sha256-")
      .contains("form-action 'self'");
    assertThat(up.header("cache-control")).isEqualTo("no-store");
    assertThat(up.body()).contains("<meta http-equiv=\"refresh\" content=\"10\">", "ai-chatrooms", "✓ OK")
      .doesNotContain("<script", "src=", "href=", "url(http");
    assertThat(section(up.body(), "redis")).contains("✓ Up", "24 h <b class=\"up24h\">", "mean <b class=\"lat\">");

    fixture.redis.set(Mode.REFUSE);
    Probe down = service.await("/status", p -> section(p.body(), "redis").contains("✕ Down"), Duration.ofSeconds(10), 1000);
    assertThat(down.status()).as("a page for people, not a probe").isEqualTo(200);
    assertThat(down.body()).as("the header names it").contains("✕ Error: redis is down");
    assertThat(down.body().indexOf("id=\"check-")).as("the failing check comes first")
      .isEqualTo(down.body().indexOf("id=\"check-redis\""));
    assertThat(section(down.body(), "redis")).contains("Up → Down").doesNotContain("refused", "connection");
    assertThat(service.get("/status?verbose").body()).as("?verbose without the token").doesNotContain("refused", "connection ");
    // The proxy closes open connections, then refuses new ones: whichever the client saw first is the reason.
    assertThat(section(service.get("/status?verbose", AUTHORIZED).body(), "redis")).containsPattern("refused, connection (refused|closed)");
    assertThat(section(service.get("/status", AUTHORIZED).body(), "redis")).as("details without ?verbose")
      .containsPattern("<span class=\"reason\">connection (refused|closed)");
    Probe filtered = service.get("/status?q=redis&state=down");
    assertThat(filtered.body()).contains("id=\"check-redis\"", "Page 1 of 1 (1 check)").doesNotContain("id=\"check-database\"");

    fixture.redis.set(Mode.FORWARD);
    Probe back = service.await("/status", p -> section(p.body(), "redis").contains("✓ Up"), Duration.ofSeconds(10), 1000);
    assertThat(section(back.body(), "redis")).contains("Down → Up", "class=\"t-part\"");
    assertThat(section(back.body(), "redis")).doesNotContain("t-down").as("the outage took part of a period, not all of it");

    Probe head = service.send("HEAD", "/status");
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(service.send("POST", "/status").status()).isEqualTo(405);
  }

  @Test
  void historyJsonHasMinutesUptimeAndTransitionsWithKindsOnlyForAuthorizedCallers() throws Exception {
    service.awaitDependency("redis", "ok", Duration.ofSeconds(15));
    fixture.redis.set(Mode.REFUSE);
    service.awaitDependency("redis", "error", Duration.ofSeconds(10));
    fixture.redis.set(Mode.FORWARD);
    service.awaitDependency("redis", "ok", Duration.ofSeconds(10));

    Probe anonymous = service.get("/health/history?verbose");
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.header("content-type")).isEqualTo("application/json");
    JsonObject redis = anonymous.json().getJsonObject("checks").getJsonObject("redis");
    assertThat(redis.getString("state")).isEqualTo("ok");
    assertThat(redis.getDouble("uptime_1h")).isGreaterThan(0.0).isLessThan(100.0);
    assertThat(redis.getJsonArray("transitions").getJsonObject(0).getMap())
      .containsEntry("from", "down").containsEntry("to", "ok").doesNotContainKeys("kind", "reason");
    assertThat(redis.getJsonArray("transitions").getJsonObject(1).getMap())
      .containsEntry("from", "ok").containsEntry("to", "down").doesNotContainKeys("kind", "reason");
    JsonObject minute = redis.getJsonArray("minutes").getJsonObject(0);
    assertThat(minute.getInteger("runs")).isPositive();
    assertThat(minute.getInteger("failures")).isPositive();
    assertThat(minute.getJsonObject("latency_ms").getLong("max")).isGreaterThanOrEqualTo(0);
    assertThat(anonymous.json().getJsonObject("retention").getBoolean("persisted")).isFalse();

    JsonObject down = service.get("/health/history?verbose", AUTHORIZED).json()
      .getJsonObject("checks").getJsonObject("redis").getJsonArray("transitions").getJsonObject(1);
    assertThat(down.getString("kind")).isEqualTo("refused");
    assertThat(down.getString("reason")).matches("connection (refused|closed by peer)");
    assertThat(service.get("/health/history", AUTHORIZED).json().getJsonObject("checks").getJsonObject("redis")
      .getJsonArray("transitions").getJsonObject(1).getString("kind")).as("details without ?verbose").isEqualTo("refused");
  }

  @Test
  void badgesShowStateAndUptimeAndSuitAReadmeEmbed() throws Exception {
    Probe up = service.await("/badge/redis.svg", p -> p.body().contains(">up "), Duration.ofSeconds(15), 5_000);
    assertThat(up.header("content-type")).isEqualTo("image/svg+xml; charset=utf-8");
    assertThat(up.header("cache-control")).isEqualTo("public, max-age=60, stale-while-revalidate=60");
    assertThat(up.body()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").containsPattern("aria-label=\"redis: up \\d+\\.\\d\\d% 24h\"");
    assertThat(service.get("/badge/redis.svg", "If-None-Match", up.header("etag")).status()).isEqualTo(304);

    fixture.redis.set(Mode.REFUSE);
    Probe down = service.await("/badge/redis.svg", p -> p.body().contains(">down "), Duration.ofSeconds(10), 1000);
    assertThat(down.header("etag")).isNotEqualTo(up.header("etag"));
    assertThat(service.get("/badge/llm_services.svg").body()).contains("aria-label=\"llm_services: ");
    assertThat(service.get("/badge/nope.svg").status()).isEqualTo(404);
    assertThat(service.get("/badge/redis.png").status()).isEqualTo(404);
    assertThat(service.get("/badge/%3Cscript%3E.svg").status()).isEqualTo(404);
  }

  /** The page's row of one check: up to the next row, or the pages' links after the last. */
  static String section(String html, String check) {
    int start = html.indexOf("id=\"check-" + check + "\"");
    if (start < 0) {
      return "";
    }
    int next = html.indexOf("<li class=\"row", start);
    return html.substring(start, next < 0 ? html.indexOf("<nav", start) : next);
  }
}
