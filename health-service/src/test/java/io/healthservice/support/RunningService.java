package io.healthservice.support;

import io.healthservice.config.ConfigLoader;
import io.healthservice.config.ServiceConfig;
import io.healthservice.lifecycle.BuildInfo;
import io.healthservice.lifecycle.HealthService;
import io.healthservice.lifecycle.ServiceVertx;
import io.healthservice.metrics.HealthMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The service started in-process on a free port, and a plain HTTP client to probe it like a load balancer. */
public final class RunningService implements AutoCloseable {

  private final Vertx vertx;
  private final HealthService service;
  private final int port;
  // HTTP/1.1 as load balancers and the kubelet's httpGet speak it (the JDK client would try an h2c upgrade).
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(2)).build();

  private RunningService(Vertx vertx, HealthService service, int port) {
    this.vertx = vertx;
    this.service = service;
    this.port = port;
  }

  public static RunningService start(JsonObject config, Map<String, String> env) throws Exception {
    int port = Ports.free();
    JsonObject withPort = config.copy();
    JsonObject http = withPort.getJsonObject("http", new JsonObject()).copy();
    withPort.put("http", http.put("host", "127.0.0.1").put("port", port));
    ServiceConfig parsed = ConfigLoader.load(withPort, env);
    PrometheusMeterRegistry registry = HealthMetrics.newRegistry();
    Vertx vertx = ServiceVertx.create(registry);
    HealthService service = HealthService.start(vertx, parsed, BuildInfo.load(), registry)
      .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    return new RunningService(vertx, service, port);
  }

  public HealthService service() {
    return service;
  }

  public int port() {
    return port;
  }

  public Probe get(String path, String... headers) throws Exception {
    return send("GET", path, headers);
  }

  public Probe send(String method, String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(5))
      .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Probe(response.statusCode(), response.headers().map(), response.body(),
      (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * Probes {@code path} every 50 ms until {@code condition} holds or {@code timeout} passes; every probe
   * on the way must answer in under {@code maxProbeMs}. Returns the probe that matched.
   */
  public Probe await(String path, Predicate<Probe> condition, Duration timeout, long maxProbeMs) throws Exception {
    return Eventually.until(path + " meeting the condition", timeout, () -> {
      Probe probe = get(path);
      if (probe.elapsedMs() >= maxProbeMs) {
        throw new AssertionError(path + " took " + probe.elapsedMs() + " ms (limit " + maxProbeMs + " ms): " + probe);
      }
      return probe;
    }, condition);
  }

  /** Waits until {@code /health} shows {@code check}'s dependencies entry as {@code value}; every probe under 1 s. */
  public Probe awaitDependency(String check, String value, Duration timeout) throws Exception {
    return await("/health", p -> value.equals(p.dependency(check)), timeout, 1000);
  }

  /** Runs of {@code check} completed so far, from {@code /metrics} ({@code health_check_duration_seconds_count}). */
  public double runs(String check) throws Exception {
    Double runs = new Exposition(get("/metrics").body()).value("health_check_duration_seconds_count", "check", check);
    return runs == null ? 0 : runs;
  }

  /** Waits until {@code check} has completed {@code more} runs beyond the {@code since} of {@link #runs}. */
  public void awaitRuns(String check, double since, int more, Duration timeout) throws Exception {
    Eventually.until(more + " more runs of " + check, timeout, () -> runs(check), runs -> runs >= since + more);
  }

  /** Why {@code check} is down, from {@code /health?verbose} (details must be visible to anonymous callers). */
  public String reason(String check) throws Exception {
    return get("/health?verbose").json().getJsonObject("details").getJsonObject(check).getString("reason");
  }

  public Probe await(String path, Predicate<Probe> condition) throws Exception {
    return await(path, condition, Duration.ofSeconds(10), 1000);
  }

  @Override
  public void close() throws Exception {
    try {
      service.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** One probe's answer. */
  public record Probe(int status, Map<String, java.util.List<String>> headers, String body, long elapsedMs) {

    public JsonObject json() {
      return new JsonObject(body);
    }

    public String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    public String dependency(String name) {
      JsonObject deps = json().getJsonObject("dependencies");
      return deps == null ? null : deps.getString(name);
    }
  }
}
