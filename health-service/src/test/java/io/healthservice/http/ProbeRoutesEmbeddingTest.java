package io.healthservice.http;

import io.healthservice.CheckState.Reported;
import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.DetailsVisibility;
import io.healthservice.FailureKind;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.ProbeRoutes;
import io.healthservice.impl.http.ServiceIdentity;
import io.healthservice.impl.monitor.EventLoopWatch;
import io.healthservice.impl.monitor.ProcessState;
import io.healthservice.support.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API as an application embeds it: {@link ProbeRoutes} mounted as a Vert.x 5 sub-router beside
 * the application's own routes, reading a hand-made snapshot on a hand-driven clock. No servers, no sleeps.
 */
@ExtendWith(VertxExtension.class)
class ProbeRoutesEmbeddingTest {

  private static final long MAX_AGE_NANOS = Duration.ofSeconds(10).toNanos();
  private static final Instant WALL = Instant.parse("2026-11-24T12:00:00.123Z");

  private final AtomicLong nanos = new AtomicLong(5_000_000_000_000L);
  private final long startedNanos = nanos.get();
  private final AtomicReference<HealthSnapshot> snapshot = new AtomicReference<>(snapshot(Reported.UP, Reported.UP));
  private final ProcessState process = new ProcessState(new EventLoopWatch(5_000, new MonitorClock() {
    // Only nanoTime is read: no loop is watched here.
    @Override public long nanoTime() {
      return nanos.get();
    }
    @Override public Instant now() {
      return WALL;
    }
    @Override public long setTimer(long delayMs, io.vertx.core.Handler<Long> handler) {
      throw new UnsupportedOperationException();
    }
    @Override public boolean cancelTimer(long id) {
      return false;
    }
  }));
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private int port;

  private record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  @BeforeEach
  void start(Vertx vertx) {
    ProbeRoutes probes = ProbeRoutes.builder(snapshot::get, process, new ServiceIdentity("app", "1.2.3", startedNanos))
      .details(DetailsVisibility.ALWAYS, Optional.empty())
      .clock(nanos::get, InstantSource.fixed(WALL))
      .build();
    Router app = Router.router(vertx);
    app.route("/health*").subRouter(probes.router(vertx));
    app.route("/healthz").handler(ctx -> ctx.end("app healthz"));
    app.route("/").handler(ctx -> ctx.end("app home"));
    app.route("/lb").handler(probes.loadBalancerCheck());
    app.route().last().handler(ctx -> ctx.response().setStatusCode(404).end("app 404"));
    port = vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1").await().actualPort();
  }

  /** database (critical) and llm_services (one non-critical endpoint, openai), completed at start. */
  private HealthSnapshot snapshot(Reported database, Reported openai) {
    return new HealthSnapshot(
      List.of(new DependencyGroup("database", true, List.of("database")),
        new DependencyGroup("llm_services", false, List.of("openai"))),
      Map.of("database", state("database", database), "openai", state("openai", openai)));
  }

  private CheckState state(String name, Reported reported) {
    boolean up = reported == Reported.UP;
    return new CheckState(name, reported, up ? null : FailureKind.REFUSED, up ? null : "connection refused", 2,
      WALL, startedNanos, MAX_AGE_NANOS, up ? 0 : 3, up ? 3 : 0);
  }

  // The JDK's client, as the service's own tests use: Vert.x 5.0.10's HttpClient, awaited from the test
  // thread, now and then never completes a request even against a server that only answers "ok".
  private Answer send(String method, String uri) throws Exception {
    HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + uri))
      .timeout(Duration.ofSeconds(5)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
      HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body());
  }

  private Answer get(String uri) throws Exception {
    return send("GET", uri);
  }

  /** The whole answer to a request the JDK's client would refuse to send. */
  private String raw(String requestLine) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write((requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void everyProbeAnswersUnderTheMountPoint() throws Exception {
    nanos.addAndGet(1_234_000_000L);
    assertThat(get("/health")).isEqualTo(new Answer(200, "{\"status\":\"ok\",\"service\":\"app\",\"version\":\"1.2.3\","
      + "\"dependencies\":{\"database\":\"ok\",\"llm_services\":\"ok\"},\"uptime\":1.234,\"timestamp\":\"2026-11-24T12:00:00.123Z\"}"));
    assertThat(get("/health/").status()).isEqualTo(200);
    assertThat(get("/health/live").json().getString("status")).isEqualTo("ok");
    assertThat(get("/health/ready").status()).isEqualTo(200);
    assertThat(get("/health/started").status()).isEqualTo(200);
    assertThat(get("/health/database").body()).isEqualTo("{\"status\":\"ok\",\"check\":\"database\"}");
    assertThat(get("/health/openai").body()).isEqualTo("{\"status\":\"ok\",\"check\":\"openai\"}");
    assertThat(get("/health?verbose").json().getJsonObject("details").fieldNames()).containsExactly("database", "llm_services");
    assertThat(send("HEAD", "/health")).isEqualTo(new Answer(200, ""));
    assertThat(send("POST", "/health/ready").status()).isEqualTo(405);
    assertThat(send("OPTIONS", "/health/ready").status()).isEqualTo(200);
  }

  @Test
  void pathsTheProbesDoNotOwnFallThroughToTheApplication() throws Exception {
    assertThat(get("/healthz").body()).isEqualTo("app healthz");
    assertThat(get("/").body()).isEqualTo("app home");
    assertThat(get("/health/a/b")).isEqualTo(new Answer(404, "app 404"));
    assertThat(get("/health/nosuchcheck")).isEqualTo(new Answer(404, "{\"error\":\"unknown check\"}"));
  }

  @Test
  void aMalformedQueryIs400WithoutAnErrorLog() throws Exception {
    try (LogCapture logs = LogCapture.install()) {
      assertThat(raw("GET /health?exclude=%zz HTTP/1.1")).startsWith("HTTP/1.1 400").endsWith("{\"error\":\"bad request\"}");
      assertThat(logs.lines()).noneMatch(l -> l.contains("SEVERE"));
    }
  }

  @Test
  void aNewSnapshotIsAnsweredAtOnce() throws Exception {
    assertThat(get("/health").status()).isEqualTo(200);
    snapshot.set(snapshot(Reported.UP, Reported.DOWN));
    assertThat(get("/health").json().getString("status")).isEqualTo("degraded");
    assertThat(get("/health/ready").status()).isEqualTo(200);
    snapshot.set(snapshot(Reported.DOWN, Reported.DOWN));
    Answer down = get("/health?verbose");
    assertThat(down.status()).isEqualTo(503);
    assertThat(down.json().getJsonObject("details").getJsonObject("database").getString("reason")).isEqualTo("connection refused");
    assertThat(get("/health/ready").status()).isEqualTo(503);
  }

  @Test
  void resultsTurnStaleOnTheInjectedClock() throws Exception {
    assertThat(get("/health").status()).isEqualTo(200);
    nanos.addAndGet(MAX_AGE_NANOS + 1_000_000);
    // Same snapshot, later instant: the cached rendering must not outlive the results it shows.
    Answer stale = get("/health?verbose");
    assertThat(get("/health").status()).isEqualTo(503);
    assertThat(stale.json().getJsonObject("details").getJsonObject("database").getString("failure_kind")).isEqualTo("stale");
    assertThat(stale.json().getDouble("uptime")).isEqualTo(10.001);
  }

  @Test
  void startingAndDrainingKeepTheInstanceOutOfRotation() throws Exception {
    snapshot.set(new HealthSnapshot(snapshot.get().groups(), Map.of(
      "database", new CheckState("database", Reported.PENDING, null, "not checked yet", 0, null, 0, MAX_AGE_NANOS, 0, 0),
      "openai", state("openai", Reported.UP))));
    assertThat(get("/health/started")).isEqualTo(new Answer(503, "{\"status\":\"error\",\"reason\":\"starting\"}"));
    assertThat(get("/health/ready").json().getString("reason")).isEqualTo("starting");

    snapshot.set(snapshot(Reported.UP, Reported.UP));
    assertThat(send("OPTIONS", "/lb").status()).isEqualTo(200);
    process.startDraining();
    assertThat(get("/health/ready").json().getString("reason")).isEqualTo("draining");
    // A load balancer's bare OPTIONS check sees it too.
    assertThat(send("OPTIONS", "/lb").status()).isEqualTo(503);
    assertThat(get("/health/live").status()).isEqualTo(200);
  }
}
