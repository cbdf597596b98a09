package io.healthservice.metrics;

import io.healthservice.CheckFailure;
import io.healthservice.CheckSettings;
import io.healthservice.FailureKind;
import io.healthservice.HealthChecker;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.support.HandCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code HealthMetrics.mount} on a router of a plain Vert.x server, scraped over HTTP, with a real checker. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HealthMetricsTest {

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final HandCheck search = HandCheck.named("search").healthy();
  private final HandCheck openai = HandCheck.named("openai")
    .failing(new CheckFailure(FailureKind.HTTP_STATUS, "HTTP 500"));
  private final PrometheusMeterRegistry registry = HealthMetrics.newRegistry();
  private Vertx vertx;
  private HealthChecker checker;
  private HealthMetrics metrics;
  private HttpServer server;

  private void serve(Vertx vertx) throws Exception {
    this.vertx = vertx;
    checker = HealthChecker.builder(vertx, "ai-chatrooms", "1.2.3")
      .check(search.check(), CheckSettings.of(true, Duration.ofMillis(50), Duration.ofMillis(500)))
      .group("llm_services", CheckSettings.of(false, Duration.ofMillis(50), Duration.ofMillis(500)), List.of(openai.check()))
      .build();
    Router router = Router.router(vertx);
    metrics = HealthMetrics.mount(router, checker, registry, "ai-chatrooms", "1.2.3");
    server = vertx.createHttpServer().requestHandler(router);
    server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    vertx.getOrCreateContext().runOnContext(v -> checker.start());
  }

  @AfterEach
  void stop() throws Exception {
    if (checker != null) {
      vertx.runOnContext(v -> checker.stop());
      server.close().await(5, TimeUnit.SECONDS);
      metrics.close();
    }
  }

  private HttpResponse<String> send(String method, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics"))
      .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private Scrape await(Predicate<Scrape> condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Scrape last;
    do {
      HttpResponse<String> response = send("GET");
      assertThat(response.statusCode()).isEqualTo(200);
      last = new Scrape(response.body());
      if (condition.test(last)) {
        return last;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    throw new AssertionError("no scrape matched within 10 s; last: " + last);
  }

  @Test
  void oneCallServesTheCheckersStateAndTheJvm(Vertx vertx) throws Exception {
    serve(vertx);
    Scrape m = await(s -> s.value("health_check_status", "check", "search").orElse(0) == 1.0
      && s.value("health_check_failures_total", "check", "openai", "reason", "http_status").orElse(0) >= 1);
    assertThat(m.value("health_check_status", "check", "search", "group", "search", "critical", "true")).hasValue(1.0);
    assertThat(m.value("health_check_status", "check", "openai", "group", "llm_services", "critical", "false")).hasValue(0.0);
    assertThat(m.value("health_status")).hasValue(0.5);
    assertThat(m.value("health_build_info", "service", "ai-chatrooms", "version", "1.2.3")).hasValue(1.0);
    // A check that never failed has no failure series: at 10,000 checks five zeros each would be most of /metrics.
    assertThat(m.value("health_check_failures_total", "check", "search", "reason", "timeout")).isEmpty();
    assertThat(m.value("health_check_duration_seconds_count", "check", "search").orElse(0)).isPositive();
    assertThat(m.has("health_check_duration_seconds_max")).isTrue();
    assertThat(m.value("health_check_duration_seconds_bucket", "check", "search", "le", "0.005")).isEmpty();
    assertThat(m.value("health_check_runs_waiting")).hasValue(0.0);
    assertThat(m.value("health_check_runs_delayed_total")).hasValue(0.0);
    assertThat(m.value("health_check_warnings", "check", "search")).hasValue(0.0);
    assertThat(m.value("health_state_changes_total", "check", "openai")).hasValue(0.0);
    assertThat(m.has("process_uptime_seconds")).isTrue();
    assertThat(m.has("jvm_memory_used_bytes")).isTrue();
    assertThat(m.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
  }

  @Test
  void stateChangesAreCounted(Vertx vertx) throws Exception {
    serve(vertx);
    await(s -> s.value("health_check_status", "check", "search").orElse(0) == 1.0);
    search.failing(new CheckFailure(FailureKind.REFUSED, "connection refused"));
    Scrape down = await(s -> s.value("health_check_status", "check", "search").orElse(1) == 0.0);
    assertThat(down.value("health_status")).hasValue(0.0);
    assertThat(down.value("health_state_changes_total", "check", "search")).hasValue(1.0);
    assertThat(down.value("health_check_failures_total", "check", "search", "reason", "refused").orElse(0)).isPositive();
  }

  @Test
  void prometheusTextOpenMetricsOrNoBody(Vertx vertx) throws Exception {
    serve(vertx);
    HttpResponse<String> text = send("GET");
    assertThat(text.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(text.headers().firstValue("cache-control")).hasValue("no-store");
    HttpResponse<String> open = send("GET", "Accept", "application/openmetrics-text; version=1.0.0");
    assertThat(open.headers().firstValue("content-type")).hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(open.body()).endsWith("# EOF\n").contains("health_check_status{");
    HttpResponse<String> head = send("HEAD");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(send("POST").statusCode()).isEqualTo(405);
  }

  @Test
  void perCheckHistogramsAreOptIn(Vertx vertx) {
    HealthChecker alone = HealthChecker.builder(vertx, "svc", "1")
      .check(search.check(), CheckSettings.of(true, Duration.ofSeconds(1), Duration.ofMillis(500))).build();
    HealthMetrics.create(alone, registry, "svc", "1", true);
    assertThat(registry.scrape()).contains("health_check_duration_seconds_bucket{check=\"search\",le=\"0.005\"}");
  }

  @Test
  void aCheckCostsAtMost400BytesOfMetricsByDefault(Vertx vertx) {
    String few = scrapeWith(vertx, 10);
    String many = scrapeWith(vertx, 1_010);
    double perCheck = (many.length() - few.length()) / 1_000.0;
    // Six series per check, each naming it: with 16-character names (orders-db-eu0042) about 400 bytes, with
    // 24 about 450; the check's name is most of each line.
    assertThat(perCheck).as("bytes of /metrics per check").isLessThanOrEqualTo(400).isGreaterThan(100);
  }

  /** The checker's own series with {@code n} checks that each ran once and passed. */
  private static String scrapeWith(Vertx vertx, int n) {
    PrometheusMeterRegistry own = new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
    HealthCheckerBuilder builder = HealthChecker.builder(vertx, "svc", "1");
    for (int i = 0; i < n; i++) {
      builder.check(HandCheck.named(String.format("orders-db-eu%04d", i)).healthy().check(),
        CheckSettings.of(true, Duration.ofSeconds(10), Duration.ofSeconds(2)));
    }
    HealthChecker checker = builder.build();
    HealthMetrics.create(checker, own, "svc", "1");
    vertx.runOnContext(v -> checker.start());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!checker.snapshot().started() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertThat(checker.snapshot().started()).isTrue();
    String scrape = own.scrape();
    vertx.runOnContext(v -> checker.stop());
    return scrape;
  }

  @Test
  void gzipWhenTheScraperAcceptsIt(Vertx vertx) throws Exception {
    serve(vertx);
    HttpResponse<byte[]> zipped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/metrics"))
      .timeout(Duration.ofSeconds(5)).header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
    String text = new String(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body())).readAllBytes(),
      java.nio.charset.StandardCharsets.UTF_8);
    assertThat(text).contains("health_check_status{");
    assertThat(send("GET").headers().firstValue("content-encoding")).isEmpty();
    assertThat(MetricsEndpoint.acceptsGzip("deflate, gzip;q=0")).isFalse();
    assertThat(MetricsEndpoint.acceptsGzip("br, GZIP;q=0.5")).isTrue();
  }

  @Test
  void createLeavesTheJvmMetersAndTheRouteToTheCaller(Vertx vertx) {
    HealthChecker alone = HealthChecker.builder(vertx, "svc", "1")
      .check(search.check(), CheckSettings.of(true, Duration.ofSeconds(1), Duration.ofMillis(500))).build();
    HealthMetrics created = HealthMetrics.create(alone, registry, "svc", "1");
    assertThat(registry.scrape()).contains("health_check_status{check=\"search\",critical=\"true\",group=\"search\"} 0.0");
    assertThat(registry.find("jvm.memory.used").gauge()).isNull();
    created.bindJvmMetrics().bindJvmMetrics();
    assertThat(registry.find("jvm.memory.used").gauge()).isNotNull();
    assertThatThrownBy(() -> HealthMetrics.create(alone, registry, "svc", "1")).as("one checker per registry")
      .isInstanceOf(IllegalStateException.class);
    created.close();
    assertThat(registry.scrape()).as("close takes the per-check series off").doesNotContain("health_check_status{");
    assertThatThrownBy(() -> HealthMetrics.create(alone, registry, null, "1")).isInstanceOf(NullPointerException.class);
  }

  @Test
  void theRegistryKeepsHostsOutOfLabelsAndDropsMetersPrometheusLintRejects() {
    Counter.builder("vertx.pool.queue.pending").tag("pool_type", "http").tag("pool_name", "search:9200").register(registry);
    Counter.builder("vertx.pool.in.use").tag("pool_type", "sql").tag("pool_name", "database").register(registry);
    Counter.builder("process.cpu.time").register(registry);
    String body = registry.scrape();
    assertThat(body).doesNotContain("search:9200", "process_cpu_time").contains("pool_name=\"database\"");
  }
}
