package io.healthservice.metrics;

import io.healthservice.support.Eventually;
import io.healthservice.support.Fixture;
import io.healthservice.support.Ports;
import io.healthservice.support.Processes;
import io.healthservice.support.Processes.Result;
import io.healthservice.support.RunningService;
import io.healthservice.support.TcpProxy.Mode;
import io.healthservice.support.Tools;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus' own tools against our output and files. .ci/run installs Debian's prometheus and
 * prometheus-blackbox-exporter; a missing one fails these tests on CI and skips them elsewhere ({@link Tools}).
 */
@ExtendWith(VertxExtension.class)
class PrometheusToolingTest {

  private static String promtool() {
    return Tools.require("/usr/bin/promtool", "prometheus");
  }

  private static String blackbox() {
    return Tools.require("/usr/bin/prometheus-blackbox-exporter", "prometheus-blackbox-exporter");
  }

  private static Result run(String... command) throws Exception {
    return Processes.run(new ProcessBuilder(command), 30);
  }

  @Test
  void promtoolAcceptsTheScrapedMetrics(Vertx vertx) throws Exception {
    String promtool = promtool();
    try (Fixture fixture = new Fixture(vertx); RunningService service = fixture.start()) {
      Path scraped = Files.createTempFile("metrics", ".prom");
      Files.writeString(scraped, service.get("/metrics").body());
      Result check = Processes.run(new ProcessBuilder(promtool, "check", "metrics").redirectInput(scraped.toFile()), 30);
      assertThat(check.exitCode()).as(check.output()).isZero();
      Files.delete(scraped);
    }
  }

  @Test
  void promtoolAcceptsTheConfigAndTheRules() throws Exception {
    String promtool = promtool();
    Result config = run(promtool, "check", "config", "deploy/prometheus/prometheus.yml");
    assertThat(config.exitCode()).as(config.output()).isZero();
    Result rules = run(promtool, "check", "rules", "deploy/prometheus/alerts.yml");
    assertThat(rules.exitCode()).as(rules.output()).isZero();
    // Every rule of every group parsed (the count comes from the file, so a new rule needs no edit here).
    long alerts = Files.readAllLines(Path.of("deploy/prometheus/alerts.yml")).stream()
      .filter(line -> line.trim().startsWith("- alert:")).count();
    assertThat(alerts).isGreaterThanOrEqualTo(9);
    assertThat(rules.output()).contains(alerts + " rules found");
  }

  @Test
  void blackboxExporterProbesTheService(Vertx vertx) throws Exception {
    String blackbox = blackbox();
    Result check = run(blackbox, "--config.check", "--config.file=deploy/prometheus/blackbox.yml");
    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).doesNotContain("level=warn");

    int port = Ports.free();
    Process exporter = new ProcessBuilder(blackbox, "--config.file=deploy/prometheus/blackbox.yml",
      "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (Fixture fixture = new Fixture(vertx); RunningService service = fixture.start()) {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      String target = URLEncoder.encode("http://127.0.0.1:" + service.port() + "/health", StandardCharsets.UTF_8);
      // The module's own timeout is 5 s: a request that takes longer than 10 s is stuck.
      HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/probe?module=health_service&target=" + target)).timeout(Duration.ofSeconds(10)).build();
      String body = Eventually.until("blackbox exporter answering", Duration.ofSeconds(10), () -> {
        try {
          return http.send(probe, HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException notYet) {
          return "not yet: " + notYet;
        }
      }, answer -> !answer.startsWith("not yet: "));
      assertThat(body).contains("probe_success 1");

      fixture.redis.set(Mode.REFUSE);
      service.await("/health", p -> p.status() == 503);
      body = http.send(probe, HttpResponse.BodyHandlers.ofString()).body();
      assertThat(body).contains("probe_success 0").contains("probe_http_status_code 503");

      fixture.redis.set(Mode.FORWARD);
      service.await("/health", p -> p.status() == 200);
      body = http.send(probe, HttpResponse.BodyHandlers.ofString()).body();
      assertThat(body).contains("probe_success 1");
    } finally {
      Processes.stop(exporter);
    }
  }
}
