package io.healthservice.metrics;

import io.healthservice.support.Fixture;
import io.healthservice.support.Ports;
import io.healthservice.support.RunningService;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Prometheus' own tools against our output and files. .ci/run installs Debian's prometheus and
 * prometheus-blackbox-exporter; where they are missing these tests are skipped (and say so).
 */
@ExtendWith(VertxExtension.class)
class PrometheusToolingTest {

  private static final String PROMTOOL = "/usr/bin/promtool";
  private static final String BLACKBOX = "/usr/bin/prometheus-blackbox-exporter";

  private static Process run(Path input, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    if (input != null) {
      builder.redirectInput(input.toFile());
    }
    return builder.start();
  }

  private static String finish(Process process) throws Exception {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void promtoolAcceptsTheScrapedMetrics(Vertx vertx) throws Exception {
    assumeTrue(new File(PROMTOOL).canExecute(), "promtool is not installed");
    try (Fixture fixture = new Fixture(vertx); RunningService service = fixture.start()) {
      Path scraped = Files.createTempFile("metrics", ".prom");
      Files.writeString(scraped, service.get("/metrics").body());
      Process promtool = run(scraped, PROMTOOL, "check", "metrics");
      String output = finish(promtool);
      assertThat(promtool.exitValue()).as(output).isZero();
      Files.delete(scraped);
    }
  }

  @Test
  void promtoolAcceptsTheConfigAndTheRules() throws Exception {
    assumeTrue(new File(PROMTOOL).canExecute(), "promtool is not installed");
    Process config = run(null, PROMTOOL, "check", "config", "deploy/prometheus/prometheus.yml");
    String configOutput = finish(config);
    assertThat(config.exitValue()).as(configOutput).isZero();
    Process rules = run(null, PROMTOOL, "check", "rules", "deploy/prometheus/alerts.yml");
    String rulesOutput = finish(rules);
    assertThat(rules.exitValue()).as(rulesOutput).isZero();
    assertThat(rulesOutput).contains("7 rules found");
  }

  @Test
  void blackboxExporterProbesTheService(Vertx vertx) throws Exception {
    assumeTrue(new File(BLACKBOX).canExecute(), "prometheus-blackbox-exporter is not installed");
    Process check = run(null, BLACKBOX, "--config.check", "--config.file=deploy/prometheus/blackbox.yml");
    String checkOutput = finish(check);
    assertThat(check.exitValue()).as(checkOutput).isZero();
    assertThat(checkOutput).doesNotContain("level=warn");

    int port = Ports.free();
    Process exporter = new ProcessBuilder(BLACKBOX, "--config.file=deploy/prometheus/blackbox.yml",
      "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (Fixture fixture = new Fixture(vertx); RunningService service = fixture.start()) {
      HttpClient http = HttpClient.newHttpClient();
      String target = URLEncoder.encode("http://127.0.0.1:" + service.port() + "/health", StandardCharsets.UTF_8);
      URI probe = URI.create("http://127.0.0.1:" + port + "/probe?module=health_service&target=" + target);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      String body = null;
      while (System.nanoTime() < deadline) {
        try {
          body = http.send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.ofString()).body();
          break;
        } catch (java.io.IOException notYet) {
          Thread.sleep(100);
        }
      }
      assertThat(body).contains("probe_success 1");

      fixture.redis.set(Mode.REFUSE);
      service.await("/health", p -> p.status() == 503);
      body = http.send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(body).contains("probe_success 0").contains("probe_http_status_code 503");

      fixture.redis.set(Mode.FORWARD);
      service.await("/health", p -> p.status() == 200);
      body = http.send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(body).contains("probe_success 1");
    } finally {
      exporter.destroy();
      exporter.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
