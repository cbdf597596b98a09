package io.healthservice.checks;

import io.healthservice.kafka.KafkaBroker;
import io.healthservice.mongodb.MongoStandIn;
import io.healthservice.nats.NatsServer;
import io.healthservice.smtp.SmtpServer;
import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.RunningService;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.TcpProxy;
import io.healthservice.support.Tools;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 31's "done when", end to end in the service: one check of each new kind against a real server (a Kafka
 * broker in KRaft mode, nats-server, memcached, dnsmasq, aiosmtpd; for MongoDB, which no package here provides, a
 * MongoDB-wire-compatible stand-in), each through a proxy the test controls. All ok and 200; breaking each (a hang
 * through its proxy; for DNS, which is UDP, the server stopped with SIGSTOP) flips only its own entry, every probe
 * answers in under a second meanwhile, and it recovers without a restart. {@code warn_after} and the http body
 * conditions show {@code warn} with 200.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class NewKindsStackTest {

  private static final List<String> PROXIED = List.of("events", "stream", "orders-db", "sessions", "mail", "search");
  private static final Map<String, TcpProxy> PROXIES = new LinkedHashMap<>();
  private static final AtomicReference<String> SEARCH_STATUS = new AtomicReference<>("green");
  private static Vertx vertx;
  private static KafkaBroker kafka;
  private static MongoStandIn mongo;
  private static NatsServer nats;
  private static SmtpServer smtp;
  private static Process memcached;
  private static Process dnsmasq;
  private static int dnsPort;
  private static HttpServer search;
  private static HttpServer slowApi;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // Kafka's clients follow the address the broker advertises: its proxied listener advertises the proxy's port.
    int kafkaListener = Ports.free();
    PROXIES.put("stream", TcpProxy.start(vertx, "127.0.0.1", kafkaListener));
    kafka = KafkaBroker.start(KafkaBroker.Options.plain().proxied(kafkaListener, PROXIES.get("stream").port()));
    nats = NatsServer.start();
    PROXIES.put("events", TcpProxy.start(vertx, nats.host(), nats.port()));
    mongo = MongoStandIn.start(MongoStandIn.Options.standalone());
    PROXIES.put("orders-db", TcpProxy.start(vertx, "127.0.0.1", mongo.port()));
    int memcachedPort = Ports.free();
    Path dir = Exec.tempDir("new-kinds", false);
    memcached = Exec.spawn(List.of(Tools.require("/usr/bin/memcached", "memcached"), "-l", "127.0.0.1", "-p",
      Integer.toString(memcachedPort), "-U", "0", "-u", "root", "-m", "16"), dir, dir.resolve("memcached.log"));
    Exec.awaitListening(memcached, memcachedPort, Duration.ofSeconds(10), () -> "memcached");
    PROXIES.put("sessions", TcpProxy.start(vertx, "127.0.0.1", memcachedPort));
    smtp = SmtpServer.start(SmtpServer.Mode.PLAIN);
    PROXIES.put("mail", TcpProxy.start(vertx, smtp.host(), smtp.port()));
    search = vertx.createHttpServer()
      .requestHandler(request -> request.response().putHeader("content-type", "application/json")
        .end(new JsonObject().put("status", SEARCH_STATUS.get()).encode()))
      .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    PROXIES.put("search", TcpProxy.start(vertx, "127.0.0.1", search.actualPort()));
    // Up, but slower than its warn_after: a warning, never a failure.
    slowApi = vertx.createHttpServer()
      .requestHandler(request -> vertx.setTimer(150, id -> request.response().end("ok")))
      .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    dnsPort = Ports.free();
    Path dnsLog = dir.resolve("dnsmasq.log");
    dnsmasq = Exec.spawn(List.of(Tools.require("/usr/sbin/dnsmasq", "dnsmasq-base"), "--keep-in-foreground",
      "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--port=" + dnsPort, "--listen-address=127.0.0.1",
      "--bind-interfaces", "--address=/db.test/127.0.0.7"), dir, dnsLog);
    Exec.awaitListening(dnsmasq, dnsPort, Duration.ofSeconds(10), () -> Exec.read(dnsLog));
  }

  @AfterAll
  static void stop() throws Exception {
    for (TcpProxy proxy : PROXIES.values()) {
      proxy.close();
    }
    for (Process process : new Process[] {memcached, dnsmasq}) {
      if (process != null) {
        Exec.kill(process);
      }
    }
    for (AutoCloseable server : new AutoCloseable[] {kafka, mongo, nats, smtp}) {
      if (server != null) {
        server.close();
      }
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static JsonObject checks() {
    JsonObject checks = new JsonObject()
      .put("database", new JsonObject().put("enabled", false))
      .put("redis", new JsonObject().put("enabled", false))
      .put("llm_services", new JsonObject().put("enabled", false))
      .put("stream", fast().put("type", "kafka").put("url", "kafka://127.0.0.1:" + port("stream"))
        .put("interval", "2500ms").put("timeout", "2s"))
      .put("events", fast().put("type", "nats").put("url", "nats://127.0.0.1:" + port("events")))
      .put("orders-db", fast().put("type", "mongodb").put("url", "mongodb://127.0.0.1:" + port("orders-db") + "/orders")
        .put("interval", "2500ms").put("timeout", "2s"))
      .put("sessions", fast().put("type", "memcached").put("url", "memcached://127.0.0.1:" + port("sessions")))
      .put("mail", fast().put("type", "smtp").put("url", "smtp://127.0.0.1:" + port("mail")))
      .put("resolver", fast().put("type", "dns").put("url", "dns://127.0.0.1:" + dnsPort + "/db.test?type=A")
        .put("expect_answer", "127.0.0.7"))
      .put("search", fast().put("type", "http").put("url", "http://127.0.0.1:" + port("search") + "/_cluster/health")
        .put("expect_json_pointer", "/status").put("expect_json_value", "green").put("warn_json_value", "yellow"))
      .put("slow-api", fast().put("type", "http").put("url", "http://127.0.0.1:" + slowApi.actualPort() + "/")
        .put("warn_after", "50ms"));
    return checks;
  }

  private static JsonObject fast() {
    return new JsonObject().put("interval", "300ms").put("timeout", "1s").put("critical", true);
  }

  private static int port(String check) {
    return PROXIES.get(check).port();
  }

  @Test
  void oneCheckOfEachNewKindBreaksAloneRecoversAndWarnsWith200() throws Exception {
    try (RunningService service = RunningService.start(new JsonObject().put("checks", checks()).put("details", "always"),
      Map.of())) {
      Probe healthy = service.await("/health", p -> p.status() == 200, Duration.ofSeconds(60), 5000);
      List<String> entries = List.of("stream", "events", "orders-db", "sessions", "mail", "resolver", "search", "slow-api");
      assertThat(healthy.json().getJsonObject("dependencies").fieldNames()).containsExactlyInAnyOrderElementsOf(entries);
      assertThat(healthy.json().getString("status")).isEqualTo("ok");
      entries.forEach(entry -> assertThat(healthy.dependency(entry)).as(entry).isEqualTo("ok"));

      // Slow is a warning: 200, ok, warn in health+json, the text in ?verbose.
      service.await("/health?verbose", p -> warnings(p, "slow-api").contains("slow: "), Duration.ofSeconds(10), 1000);
      assertThat(componentStatus(service, "slow-api")).isEqualTo("warn");

      // Yellow is a warning; red is down.
      SEARCH_STATUS.set("yellow");
      Probe yellow = service.await("/health?verbose", p -> !warnings(p, "search").isEmpty(), Duration.ofSeconds(10), 1000);
      assertThat(yellow.status()).isEqualTo(200);
      assertThat(yellow.dependency("search")).isEqualTo("ok");
      assertThat(componentStatus(service, "search")).isEqualTo("warn");
      SEARCH_STATUS.set("red");
      Probe red = service.await("/health", p -> "error".equals(p.dependency("search")), Duration.ofSeconds(10), 1000);
      assertThat(red.status()).isEqualTo(503);
      SEARCH_STATUS.set("green");
      service.await("/health", p -> p.status() == 200, Duration.ofSeconds(10), 1000);

      for (String entry : List.of("stream", "events", "orders-db", "sessions", "mail", "search", "resolver")) {
        breakIt(entry, true);
        Probe broken = service.await("/health", p -> "error".equals(p.dependency(entry)), Duration.ofSeconds(20), 1000);
        assertThat(broken.status()).as(entry).isEqualTo(503);
        for (String other : entries) {
          if (!other.equals(entry)) {
            assertThat(broken.dependency(other)).as("only " + entry + " is broken, not " + other).isEqualTo("ok");
          }
        }
        // Probes stay bounded while it hangs, whatever the kind's client does.
        for (String path : List.of("/health", "/health/ready", "/health/" + entry, "/health?verbose", "/metrics")) {
          assertThat(service.get(path).elapsedMs()).as(path + " while " + entry + " hangs").isLessThan(1000);
        }
        breakIt(entry, false);
        service.await("/health", p -> p.status() == 200 && "ok".equals(p.dependency(entry)), Duration.ofSeconds(30), 1000);
      }
    }
  }

  /** A hang through the entry's proxy; DNS is UDP, so its server is stopped (SIGSTOP) and continued instead. */
  private static void breakIt(String entry, boolean broken) throws Exception {
    if (entry.equals("resolver")) {
      Exec.ok(Duration.ofSeconds(5), List.of("kill", broken ? "-STOP" : "-CONT", Long.toString(dnsmasq.pid())));
    } else {
      PROXIES.get(entry).set(broken ? TcpProxy.Mode.HANG : TcpProxy.Mode.FORWARD);
    }
  }

  private static String warnings(Probe verbose, String check) {
    JsonArray warnings = verbose.json().getJsonObject("details").getJsonObject(check).getJsonArray("warnings");
    return warnings == null ? "" : warnings.encode();
  }

  /** The health+json status of {@code check}'s component: pass, warn or fail. */
  private static String componentStatus(RunningService service, String check) throws Exception {
    Probe probe = service.get("/health", "Accept", "application/health+json");
    assertThat(probe.status()).isEqualTo(200);
    for (String key : probe.json().getJsonObject("checks").fieldNames()) {
      for (Object component : probe.json().getJsonObject("checks").getJsonArray(key)) {
        if (check.equals(((JsonObject) component).getString("componentId"))) {
          return ((JsonObject) component).getString("status");
        }
      }
    }
    throw new AssertionError("no component " + check + " in " + probe.body());
  }
}
