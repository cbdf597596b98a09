package io.healthservice.example;

import io.healthservice.support.Ports;
import io.healthservice.support.RealServers;
import io.healthservice.support.TcpProxy;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The example application: its own routes and the embedded probes side by side, on the real Postgres and Redis. */
@ExtendWith(VertxExtension.class)
class ChatApplicationTest {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Vertx vertx;
  private TcpProxy postgres;
  private TcpProxy redis;
  private int port;

  @BeforeEach
  void proxies(Vertx vertx) throws Exception {
    this.vertx = vertx;
    postgres = TcpProxy.start(vertx, RealServers.host(RealServers.DATABASE_URL), RealServers.port(RealServers.DATABASE_URL));
    redis = TcpProxy.start(vertx, RealServers.host(RealServers.REDIS_URL), RealServers.port(RealServers.REDIS_URL));
  }

  @AfterEach
  void close() throws Exception {
    postgres.close();
    redis.close();
  }

  private void deploy(long intervalMs) throws Exception {
    port = Ports.free();
    JsonObject config = new JsonObject().put("port", port)
      .put("databaseUrl", RealServers.via(RealServers.DATABASE_URL, postgres.port()))
      .put("redisUrl", RealServers.via(RealServers.REDIS_URL, redis.port()))
      .put("checkIntervalMs", intervalMs).put("checkTimeoutMs", 500);
    vertx.deployVerticle(new ChatApplication(), new DeploymentOptions().setConfig(config)).await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> await(String path, int status, Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last = get(path);
      if (last.statusCode() == status) {
        return last;
      }
      Thread.sleep(50);
    }
    throw new AssertionError(path + " did not answer " + status + " within " + within + "; last: "
      + (last == null ? "none" : last.statusCode() + " " + last.body()));
  }

  @Test
  void theApplicationsRoutesAndTheProbesWorkSideBySide() throws Exception {
    deploy(200);
    assertThat(get("/api/rooms").body()).isEqualTo("[\"general\",\"random\"]");
    JsonObject health = new JsonObject(await("/health", 200, Duration.ofSeconds(5)).body());
    assertThat(health.getString("status")).isEqualTo("ok");
    assertThat(health.getString("service")).isEqualTo("ai-chatrooms");
    assertThat(health.getJsonObject("dependencies"))
      .isEqualTo(new JsonObject().put("database", "ok").put("redis", "ok").put("rooms", "ok"));
    for (String probe : List.of("/health/live", "/health/ready", "/health/started", "/health/database", "/health/redis")) {
      assertThat(get(probe).statusCode()).as(probe).isEqualTo(200);
    }
    assertThat(new JsonObject(get("/status/checks").body()).getString("status")).isEqualTo("UP");
    HttpResponse<String> page = get("/status");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body()).contains("database", "redis");
    assertThat(get("/badge/redis.svg").body()).startsWith("<svg");
    assertThat(new JsonObject(get("/health/history").body()).containsKey("checks")).isTrue();
    assertThat(get("/api/unknown").statusCode()).isEqualTo(404);
  }

  @Test
  void checksRunInTheBackground() throws Exception {
    deploy(200);
    await("/health", 200, Duration.ofSeconds(5));
    // No request asks for it: the background run finds Redis gone, and comes back with it.
    redis.set(TcpProxy.Mode.REFUSE);
    HttpResponse<String> down = await("/health", 503, Duration.ofSeconds(5));
    assertThat(new JsonObject(down.body()).getJsonObject("dependencies").getString("redis")).isEqualTo("error");
    assertThat(get("/health/live").statusCode()).as("a dependency outage never fails liveness").isEqualTo(200);
    assertThat(get("/api/rooms").statusCode()).isEqualTo(200);
    redis.set(TcpProxy.Mode.FORWARD);
    await("/health", 200, Duration.ofSeconds(5));
  }

  /** The value of {@code series}, its name and labels written as the exposition writes them (labels sorted). */
  private static double value(String scrape, String series) {
    return scrape.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1)))
      .findFirst().orElseThrow(() -> new AssertionError("no series " + series + " in:\n" + scrape));
  }

  private String awaitMetrics(String series, double expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String last;
    do {
      HttpResponse<String> response = get("/metrics");
      assertThat(response.statusCode()).isEqualTo(200);
      last = response.body();
      if (last.lines().anyMatch(l -> l.equals(series + " " + expected))) {
        return last;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no " + series + " " + expected + " within 5 s in:\n" + last);
  }

  @Test
  void prometheusScrapesTheChecksOnTheApplicationsPort() throws Exception {
    deploy(200);
    await("/health", 200, Duration.ofSeconds(5));
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    String up = awaitMetrics("health_check_status{check=\"redis\",critical=\"true\",group=\"redis\"}", 1.0);
    assertThat(value(up, "health_check_status{check=\"database\",critical=\"true\",group=\"database\"}")).isEqualTo(1.0);
    assertThat(value(up, "health_check_status{check=\"rooms\",critical=\"true\",group=\"rooms\"}")).isEqualTo(1.0);
    assertThat(value(up, "health_status")).isEqualTo(1.0);
    assertThat(value(up, "health_build_info{service=\"ai-chatrooms\",version=\"0.1.0\"}")).isEqualTo(1.0);
    assertThat(value(up, "health_check_duration_seconds_count{check=\"database\"}")).isPositive();
    assertThat(up).contains("jvm_memory_used_bytes{", "process_uptime_seconds ");

    // The series follow a dependency down, by reason, with no request asking for it.
    redis.set(TcpProxy.Mode.REFUSE);
    String down = awaitMetrics("health_check_status{check=\"redis\",critical=\"true\",group=\"redis\"}", 0.0);
    assertThat(value(down, "health_status")).isEqualTo(0.0);
    assertThat(value(down, "health_check_failures_total{check=\"redis\",reason=\"refused\"}")).isPositive();
    assertThat(get("/api/rooms").statusCode()).isEqualTo(200);
  }

  @Test
  void scrapingCausesNoDependencyIo() throws Exception {
    deploy(60_000);
    await("/health/started", 200, Duration.ofSeconds(5));
    long before = postgres.forwardedBytes() + redis.forwardedBytes();
    for (int i = 0; i < 50; i++) {
      assertThat(get("/metrics").statusCode()).isEqualTo(200);
    }
    assertThat(postgres.forwardedBytes() + redis.forwardedBytes()).isEqualTo(before);
  }

  @Test
  void aProbeStormCausesNoDependencyIo() throws Exception {
    // One run at start, the next a minute later: any traffic during the storm would be the probes' own.
    deploy(60_000);
    await("/health/started", 200, Duration.ofSeconds(5));
    long before = postgres.forwardedBytes() + redis.forwardedBytes();
    assertThat(before).as("the first run went through the proxies").isPositive();
    for (int i = 0; i < 1_000; i++) {
      for (String probe : List.of("/health", "/health/ready", "/health/database", "/status/checks")) {
        assertThat(get(probe).statusCode()).isEqualTo(200);
      }
    }
    assertThat(postgres.forwardedBytes() + redis.forwardedBytes()).isEqualTo(before);
  }
}
