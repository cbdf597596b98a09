package io.healthservice.metrics;

import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.Tools;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A private Prometheus (Debian package {@code prometheus}) on 127.0.0.1 and a spare port, scraping the
 * given targets every second as job {@code health-service} and evaluating deploy/prometheus/alerts.yml
 * every second, with its TSDB in a temp dir. The test owns the process and stops it in {@link #close()}.
 */
final class PrometheusServer implements AutoCloseable {

  static final String JOB = "health-service";
  private static final String BINARY = "/usr/bin/prometheus";

  private final Path dir;
  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  private PrometheusServer(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  static PrometheusServer start(List<String> targets) throws Exception {
    String binary = Tools.require(BINARY, "prometheus");
    PrometheusServer server = new PrometheusServer(Exec.tempDir("prometheus", false), Ports.free());
    try {
      Path config = server.dir.resolve("prometheus.yml");
      Files.writeString(config, """
        global:
          scrape_interval: 1s
          scrape_timeout: 900ms
          evaluation_interval: 1s
        rule_files:
          - %s
        scrape_configs:
          - job_name: %s
            static_configs:
              - targets: [%s]
        """.formatted(Path.of("deploy/prometheus/alerts.yml").toAbsolutePath(), JOB,
        targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))));
      server.process = Exec.spawn(List.of(binary, "--config.file=" + config,
        "--storage.tsdb.path=" + server.dir.resolve("data"), "--web.listen-address=127.0.0.1:" + server.port,
        "--log.level=warn"), server.dir, server.dir.resolve("prometheus.log"));
      Exec.awaitListening(server.process, server.port, Duration.ofSeconds(20), server::log);
      Exec.await("Prometheus ready", Duration.ofSeconds(20), () -> server.status("/-/ready") == 200, server::log);
      return server;
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
  }

  String log() {
    return Exec.read(dir.resolve("prometheus.log"));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private int status(String path) {
    try {
      return http.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(5)).build();
  }

  /** GET an API path; fails unless Prometheus answers {"status":"success"}; returns "data". */
  Object api(String path) throws Exception {
    HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
    JsonObject body = new JsonObject(response.body());
    if (!"success".equals(body.getString("status"))) {
      throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return body.getValue("data");
  }

  /** The instant vector {@code expr} evaluates to now: a list of {"metric": {...}, "value": [t, "v"]}. */
  JsonArray query(String expr) throws Exception {
    JsonObject data = (JsonObject) api("/api/v1/query?query=" + encode(expr));
    return data.getJsonArray("result");
  }

  /** The value of the one series of {@code expr} whose {@code label} is {@code value}, or null. */
  Double value(String expr, String label, String value) throws Exception {
    for (Object o : query(expr)) {
      JsonObject series = (JsonObject) o;
      if (value.equals(series.getJsonObject("metric").getString(label))) {
        return Double.parseDouble(series.getJsonArray("value").getString(1));
      }
    }
    return null;
  }

  /** Values of {@code label} over the series matching {@code selector}, as Grafana's label_values() asks. */
  JsonArray labelValues(String label, String selector) throws Exception {
    return (JsonArray) api("/api/v1/label/" + label + "/values?match[]=" + encode(selector));
  }

  /** Alerts pending or firing now. */
  JsonArray alerts() throws Exception {
    return ((JsonObject) api("/api/v1/alerts")).getJsonArray("alerts");
  }

  /** Every loaded rule of every group, each with its "health" and "lastError". */
  JsonArray rules() throws Exception {
    JsonArray rules = new JsonArray();
    for (Object group : ((JsonObject) api("/api/v1/rules")).getJsonArray("groups")) {
      rules.addAll(((JsonObject) group).getJsonArray("rules"));
    }
    return rules;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      Exec.kill(process);
    } finally {
      Exec.deleteTree(dir);
    }
  }
}
