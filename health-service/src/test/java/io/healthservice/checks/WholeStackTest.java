package io.healthservice.checks;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.RealServers;
import io.healthservice.support.RunningService;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole stack of docs/configuration.md, each kind against a real server through a proxy the test controls: nine entries
 * (the seed {@code redis} switched off), each fault flips only its own entry (503 for a critical one, degraded
 * for the non-critical cache), probes stay under a second while it hangs, and it recovers without a restart.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WholeStackTest {

  private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private static final String MYSQL_USER = "health_ws_" + SUFFIX;
  private static final String MYSQL_PASSWORD = "pw-" + UUID.randomUUID();
  private static final Map<String, TcpProxy> PROXIES = new LinkedHashMap<>();
  private static Vertx vertx;
  private static HttpServer search;
  private static Server payments;
  private static Path passwordFile;

  @BeforeAll
  static void start() throws Exception {
    Exec.requireBinary("/usr/bin/mariadb", "mariadb-client");
    sql("CREATE DATABASE `" + MYSQL_USER + "`; CREATE USER '" + MYSQL_USER + "'@'127.0.0.1' IDENTIFIED BY '" + MYSQL_PASSWORD + "';"
      + " CREATE USER '" + MYSQL_USER + "'@'localhost' IDENTIFIED BY '" + MYSQL_PASSWORD + "';"
      + " GRANT ALL ON `" + MYSQL_USER + "`.* TO '" + MYSQL_USER + "'@'127.0.0.1';"
      + " GRANT ALL ON `" + MYSQL_USER + "`.* TO '" + MYSQL_USER + "'@'localhost';");
    vertx = Vertx.vertx();
    search = vertx.createHttpServer()
      .requestHandler(request -> request.response().end("{\"status\":\"green\",\"cluster_name\":\"search\"}"))
      .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    HealthStatusManager grpcHealth = new HealthStatusManager();
    grpcHealth.setStatus("payments.v1.Payments", ServingStatus.SERVING);
    payments = Grpc.newServerBuilderForPort(Ports.free(), InsecureServerCredentials.create())
      .addService(grpcHealth.getHealthService()).build().start();
    proxy("database", RealServers.host(RealServers.DATABASE_URL), RealServers.port(RealServers.DATABASE_URL));
    proxy("orders-db", RealServers.host(RealServers.DATABASE_URL), RealServers.port(RealServers.DATABASE_URL));
    proxy("cache", RealServers.host(RealServers.REDIS_URL), RealServers.port(RealServers.REDIS_URL));
    proxy("broker", "127.0.0.1", 5672);
    proxy("legacy-db", "127.0.0.1", 3306);
    proxy("presence", "127.0.0.1", 1883);
    proxy("search", "127.0.0.1", search.actualPort());
    proxy("payments", "127.0.0.1", payments.getPort());
    proxy("smtp", RealServers.host(RealServers.REDIS_URL), RealServers.port(RealServers.REDIS_URL));
    passwordFile = Files.createTempFile("amqp", ".secret");
    Files.writeString(passwordFile, "guest\n");

  }

  /** The ten keys of docs/configuration.md, every kind through its proxy, each on {@code schedule}. */
  private static JsonObject checks(JsonObject schedule) throws Exception {
    JsonObject checks = new JsonObject()
      .put("database", fast().put("url", RealServers.via(RealServers.DATABASE_URL, port("database"))))
      .put("redis", new JsonObject().put("enabled", false))
      .put("orders-db", fast().put("type", "postgres").put("critical", true)
        .put("url", RealServers.via(RealServers.DATABASE_URL, port("orders-db"))))
      .put("cache", fast().put("type", "redis").put("critical", false).put("url", "redis://127.0.0.1:" + port("cache")))
      .put("broker", fast().put("type", "rabbitmq").put("url", "amqp://guest@127.0.0.1:" + port("broker") + "/%2f")
        .put("password_file", passwordFile.toString()))
      .put("legacy-db", fast().put("type", "mysql").put("url", "mysql://" + MYSQL_USER + "@127.0.0.1:" + port("legacy-db") + "/" + MYSQL_USER)
        .put("password_file", writeSecret(MYSQL_PASSWORD)))
      .put("presence", fast().put("type", "mqtt").put("url", "mqtt://127.0.0.1:" + port("presence")))
      .put("search", fast().put("type", "http").put("url", "http://127.0.0.1:" + port("search") + "/_cluster/health")
        .put("expect_status", 200).put("expect_body", "green"))
      .put("payments", fast().put("type", "grpc").put("url", "grpc://127.0.0.1:" + port("payments"))
        .put("service", "payments.v1.Payments"))
      .put("smtp", fast().put("type", "tcp").put("url", "tcp://127.0.0.1:" + port("smtp")));
    for (String name : checks.fieldNames()) {
      if (!name.equals("redis")) {
        checks.getJsonObject(name).mergeIn(schedule);
      }
    }
    return checks;
  }

  private static JsonObject fast() {
    return new JsonObject().put("interval", "200ms").put("timeout", "500ms");
  }

  private static void proxy(String check, String host, int port) throws Exception {
    PROXIES.put(check, TcpProxy.start(vertx, host, port));
  }

  private static int port(String check) {
    return PROXIES.get(check).port();
  }

  private static String writeSecret(String secret) throws Exception {
    Path file = Files.createTempFile("secret", ".txt");
    Files.writeString(file, secret);
    file.toFile().deleteOnExit();
    return file.toString();
  }

  private static void sql(String statements) {
    Exec.ok(Duration.ofSeconds(20), List.of("/usr/bin/mariadb", "-uroot", "-e", statements));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      for (TcpProxy proxy : PROXIES.values()) {
        proxy.close();
      }
      if (payments != null) {
        payments.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      if (vertx != null) {
        vertx.close().await(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(passwordFile);
    } finally {
      sql("DROP USER IF EXISTS '" + MYSQL_USER + "'@'127.0.0.1'; DROP USER IF EXISTS '" + MYSQL_USER + "'@'localhost';"
        + " DROP DATABASE IF EXISTS `" + MYSQL_USER + "`;");
    }
  }

  @Test
  void aProbeStormCausesNoDependencyIo() throws Exception {
    // Its own service whose checks run once a minute: between runs, any byte through a proxy is a probe's doing.
    JsonObject minutely = new JsonObject().put("interval", "1m").put("timeout", "2s");
    try (RunningService quiet = RunningService.start(new JsonObject().put("checks", checks(minutely)).put("details", "always"),
      Map.of())) {
      quiet.await("/health", p -> p.status() == 200, Duration.ofSeconds(30), 5000);
      Map<String, Long> before = new LinkedHashMap<>();
      PROXIES.forEach((name, proxy) -> before.put(name, proxy.forwardedBytes()));
      int probes = 0;
      for (int round = 0; round < 100; round++) {
        for (String path : List.of("/health", "/health/ready", "/health/live", "/health?verbose", "/health/legacy-db",
          "/health/payments", "/health/checks", "/status", "/metrics")) {
          assertThat(quiet.get(path).status()).as(path).isIn(200, 503);
          probes++;
        }
      }
      for (Map.Entry<String, TcpProxy> proxy : PROXIES.entrySet()) {
        long sent = proxy.getValue().forwardedBytes() - before.get(proxy.getKey());
        // AMQP keeps its connection alive with 8-byte heartbeats of its own; no probe adds to them.
        assertThat(sent).as(proxy.getKey() + ": bytes sent during " + probes + " probes")
          .isLessThanOrEqualTo(proxy.getKey().equals("broker") ? 16 : 0);
      }
    }
  }

  @Test
  void nineEntriesEachBreaksAloneAndRecovers() throws Exception {
    try (RunningService service = RunningService.start(new JsonObject().put("checks", checks(fast())).put("details", "always"),
      Map.of())) {
      breakEachInTurn(service);
    }
  }

  private void breakEachInTurn(RunningService service) throws Exception {
    // Every entry ok, not just 200: a non-critical entry (cache) still without its first result reads degraded.
    service.await("/health", p -> p.status() == 200 && "ok".equals(p.json().getString("status")), Duration.ofSeconds(30), 5000);
    Probe healthy = service.get("/health");
    assertThat(healthy.json().getJsonObject("dependencies").fieldNames()).containsExactlyInAnyOrder(
      "database", "orders-db", "cache", "broker", "legacy-db", "presence", "search", "payments", "smtp");
    assertThat(healthy.json().getString("status")).isEqualTo("ok");
    assertThat(service.get("/health/redis").status()).as("a switched-off check has no route").isEqualTo(404);
    assertThat(service.get("/metrics").body()).contains("check=\"legacy-db\"").doesNotContain("check=\"redis\"");

    for (Map.Entry<String, TcpProxy> proxy : PROXIES.entrySet()) {
      String check = proxy.getKey();
      boolean critical = !check.equals("cache");
      // smtp is a bare connect: only a refused port shows (an accepting, silent server is up by design).
      proxy.getValue().set(check.equals("smtp") ? TcpProxy.Mode.REFUSE : TcpProxy.Mode.HANG);
      Probe broken = service.await("/health", p -> !"ok".equals(p.dependency(check)), Duration.ofSeconds(15), 1000);
      assertThat(broken.status()).as(check).isEqualTo(critical ? 503 : 200);
      assertThat(broken.dependency(check)).as(check).isEqualTo(critical ? "error" : "degraded");
      for (String other : PROXIES.keySet()) {
        if (!other.equals(check)) {
          assertThat(broken.dependency(other)).as("only " + check + " is broken, not " + other).isEqualTo("ok");
        }
      }
      assertThat(service.reason(check)).as(check).doesNotContain("guest", MYSQL_PASSWORD, MYSQL_USER);
      proxy.getValue().set(TcpProxy.Mode.FORWARD);
      service.await("/health", p -> p.status() == 200 && "ok".equals(p.dependency(check)), Duration.ofSeconds(15), 1000);
    }
  }
}
