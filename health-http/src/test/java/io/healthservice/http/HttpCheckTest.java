package io.healthservice.http;

import io.healthservice.support.CheckRuns;
import io.healthservice.CheckWarning;
import io.healthservice.support.Ports;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP check against a Vert.x server the test runs, directly and through a {@link TcpProxy}. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpCheckTest {

  private static final long BUDGET = 1000;

  private Vertx vertx;
  private HttpServer server;
  private String base;
  private final Set<String> seenMethods = ConcurrentHashMap.newKeySet();
  private final Map<String, String> seenHeaders = new ConcurrentHashMap<>();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(Ports.free()))
      .requestHandler(this::answer);
    server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private void answer(HttpServerRequest request) {
    seenMethods.add(request.method().name());
    request.headers().forEach(h -> seenHeaders.put(h.getKey().toLowerCase(), h.getValue()));
    switch (request.path()) {
      case "/ok" -> request.response().end("all systems go");
      case "/503" -> request.response().setStatusCode(503).end("down for maintenance");
      case "/204" -> request.response().setStatusCode(204).end();
      case "/green" -> json(request, "{\"status\":\"green\",\"checks\":{\"db\":true}}");
      case "/red" -> json(request, "{\"status\":\"red\"}");
      case "/yellow" -> json(request, "{\"status\":\"yellow\"}");
      case "/long" -> json(request, "{\"status\":\"" + "x".repeat(500) + "\"}");
      case "/notjson" -> request.response().end("<html>hi</html>");
      case "/redirect" -> request.response().setStatusCode(302).putHeader("Location", "/ok").end();
      case "/huge" -> request.response().end(Buffer.buffer(new byte[2 * 1024 * 1024]));
      default -> request.response().setStatusCode(404).end();
    }
  }

  private static void json(HttpServerRequest request, String body) {
    request.response().putHeader("Content-Type", "application/json").end(body);
  }

  private HttpTarget target(String url, String method, String status, String body, JsonPointerExpectation json) {
    return new HttpTarget(url, method, StatusRange.parseList(status), Optional.ofNullable(body), Optional.ofNullable(json),
      Map.of("Authorization", "Bearer t0ken"), Optional.empty(), false);
  }

  private String reason(HttpTarget target) throws Exception {
    HttpCheck check = new HttpCheck(vertx, "web", target);
    try {
      return CheckRuns.reason(vertx, check, BUDGET);
    } finally {
      check.close();
    }
  }

  @Test
  void twoHundredIsUpAndOtherStatusesAreDown() throws Exception {
    assertThat(reason(target(base + "/ok", "GET", null, null, null))).isNull();
    assertThat(seenHeaders).containsEntry("authorization", "Bearer t0ken");
    assertThat(reason(target(base + "/503", "GET", null, null, null))).isEqualTo("HTTP 503");
    assertThat(reason(target(base + "/missing", "GET", null, null, null))).isEqualTo("HTTP 404");
    // Expected statuses other than 2xx: a 503 counted as fine, 204 refused when only 200 is.
    assertThat(reason(target(base + "/503", "GET", "200,5xx", null, null))).isNull();
    assertThat(reason(target(base + "/204", "GET", "200", null, null))).isEqualTo("HTTP 204");
  }

  @Test
  void headSendsHeadAndIgnoresTheBody() throws Exception {
    assertThat(reason(target(base + "/ok", "HEAD", null, null, null))).isNull();
    assertThat(seenMethods).containsExactly(HttpMethod.HEAD.name());
  }

  @Test
  void bodyTextMustBeThere() throws Exception {
    assertThat(reason(target(base + "/ok", "GET", null, "systems go", null))).isNull();
    assertThat(reason(target(base + "/ok", "GET", null, "all is lost", null)))
      .isEqualTo("body does not contain the expected text");
    // A body larger than the bound fails rather than filling the heap.
    assertThat(reason(target(base + "/huge", "GET", null, "x", null))).isEqualTo("response body larger than 1024 KiB");
    // Without an expectation the same body is discarded unread.
    assertThat(reason(target(base + "/huge", "GET", null, null, null))).isNull();
  }

  /** Elasticsearch's cluster health: green ok, yellow up with a warning, red (or anything else) down. */
  @Test
  void jsonPointerValuesMeanOkWarnOrDown() throws Exception {
    JsonPointerExpectation cluster = new JsonPointerExpectation("/status", List.of("green"), List.of("yellow"));
    HttpCheck yellow = new HttpCheck(vertx, "search", target(base + "/yellow", "GET", null, null, cluster));
    try {
      CheckRuns.Outcome outcome = CheckRuns.run(vertx, yellow, BUDGET);
      assertThat(outcome.reason()).isNull();
      assertThat(outcome.warnings()).containsExactly(new CheckWarning("body_condition", "JSON /status is \"yellow\""));
    } finally {
      yellow.close();
    }
    HttpCheck green = new HttpCheck(vertx, "search", target(base + "/green", "GET", null, null, cluster));
    try {
      assertThat(CheckRuns.run(vertx, green, BUDGET).warnings()).isEmpty();
    } finally {
      green.close();
    }
    assertThat(reason(target(base + "/red", "GET", null, null, cluster))).isEqualTo("JSON /status is \"red\", expected \"green\"");
    assertThat(reason(target(base + "/red", "GET", null, null,
      new JsonPointerExpectation("/status", List.of("green", "red"), List.of())))).isNull();
    assertThat(reason(target(base + "/yellow", "GET", null, null,
      new JsonPointerExpectation("/status", List.of("green", "blue"), List.of())))).isEqualTo("JSON /status is \"yellow\", expected \"green\" or \"blue\"");
  }

  @Test
  void jsonPointerValueMustMatch() throws Exception {
    JsonPointerExpectation green = new JsonPointerExpectation("/status", "green");
    assertThat(reason(target(base + "/green", "GET", null, null, green))).isNull();
    assertThat(reason(target(base + "/green", "GET", null, null, new JsonPointerExpectation("/checks/db", "true")))).isNull();
    assertThat(reason(target(base + "/red", "GET", null, null, green))).isEqualTo("JSON /status is \"red\", expected \"green\"");
    assertThat(reason(target(base + "/green", "GET", null, null, new JsonPointerExpectation("/state", "ok"))))
      .isEqualTo("JSON /state is missing, expected \"ok\"");
    assertThat(reason(target(base + "/notjson", "GET", null, null, green))).isEqualTo("body is not JSON");
    // A long value is cut in the reason.
    assertThat(reason(target(base + "/long", "GET", null, null, green)))
      .isEqualTo("JSON /status is \"" + "x".repeat(64) + "...\", expected \"green\"");
  }

  @Test
  void redirectsAreNotFollowedUnlessAsked() throws Exception {
    assertThat(reason(target(base + "/redirect", "GET", null, null, null))).isEqualTo("HTTP 302");
    assertThat(reason(target(base + "/redirect", "GET", "3xx", null, null))).isNull();
    HttpTarget following = new HttpTarget(base + "/redirect", "GET", List.of(), Optional.of("systems go"),
      Optional.empty(), Map.of(), Optional.empty(), true);
    assertThat(reason(following)).isNull();
  }

  @Test
  void throughAProxyRefusedResetGarbageHangAndRecovery() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", server.actualPort())) {
      String url = "http://127.0.0.1:" + proxy.port() + "/ok";
      HttpCheck check = new HttpCheck(vertx, "web", target(url, "GET", null, "systems go", null));
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isNull();

      proxy.set(TcpProxy.Mode.REFUSE);
      Thread.sleep(200); // as between two runs: the client sees its pooled connection closed, and connects anew
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isEqualTo("connection refused");

      proxy.set(TcpProxy.Mode.RESET);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isEqualTo("connection closed by peer");

      proxy.set(TcpProxy.Mode.GARBAGE);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isIn("protocol error: unexpected reply", "connection closed by peer");
      CheckRuns.drop(vertx, check);

      proxy.set(TcpProxy.Mode.HANG);
      CompletableFuture<Void> hung = CheckRuns.start(vertx, check, BUDGET);
      Thread.sleep(BUDGET - 100);
      assertThat(hung).isNotDone();
      assertThat(proxy.openConnections()).isPositive();
      CheckRuns.drop(vertx, check);
      assertThat(CheckRuns.noConnections(proxy, 2000)).as("connections left after a drop").isTrue();

      proxy.set(TcpProxy.Mode.FORWARD);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isNull();
      check.close();
    }
  }

  @Test
  void httpsWithATestCaRecordsTheCertificate() throws Exception {
    // Self-signed by netty in milliseconds (keytool takes seconds); trusted as its own CA.
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    HttpServer tls = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(Ports.free())
      .setSsl(true).setKeyCertOptions(certificate.keyCertOptions())).requestHandler(this::answer);
    tls.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    try {
      String url = "https://localhost:" + tls.actualPort() + "/ok";
      HttpCheck trusting = new HttpCheck(vertx, "web", new HttpTarget(url, "GET", List.of(), Optional.empty(),
        Optional.empty(), Map.of(), Optional.of(certificate.certificatePath()), false));
      CheckRuns.Outcome outcome = CheckRuns.run(vertx, trusting, 5000);
      assertThat(outcome.reason()).isNull();
      assertThat(outcome.certificate()).hasValueSatisfying(notAfter -> assertThat(notAfter).isAfter(Instant.now()));
      trusting.close();

      // Without the test CA the JVM's CAs do not trust it.
      HttpCheck untrusting = new HttpCheck(vertx, "web", HttpTarget.get(url));
      assertThat(CheckRuns.reason(vertx, untrusting, 5000)).isEqualTo("TLS handshake failed");
      untrusting.close();
    } finally {
      tls.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      certificate.delete();
    }
  }

  @Test
  void targetMasksCredentials() {
    HttpCheck check = new HttpCheck(vertx, "web", HttpTarget.get("https://user:hunter2@h/health?token=abc"));
    assertThat(check.target()).doesNotContain("hunter2", "abc");
    assertThat(check.componentType()).isEqualTo("component");
  }
}
