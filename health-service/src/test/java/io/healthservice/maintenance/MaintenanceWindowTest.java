package io.healthservice.maintenance;

import io.healthservice.support.AlertReceiver;
import io.healthservice.support.AlertmanagerProcess;
import io.healthservice.support.Exec;
import io.healthservice.support.FakeReceiver;
import io.healthservice.support.RealServers;
import io.healthservice.support.RunningService;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy.Mode;
import io.healthservice.support.Tools;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test, end to end: during an ad hoc maintenance window over redis, a Redis outage reaches the real
 * Alertmanager (0.25, running the shipped deploy/alertmanager config with its receiver pointed at a fake) as
 * DependencyDown beside a MaintenanceWindow alert labelled {@code maintenance="failover"}, the shipped inhibit rule
 * keeps the receiver quiet, the webhook gets nothing, and the probes still say the truth (503). Ending the window
 * while Redis is still down pages once on both paths; a recovery inside a window is told (resolved) at its end.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // one test waits out Alertmanager's group intervals: not the 60 s default
class MaintenanceWindowTest extends ServiceTest {

  private static final String TOKEN = "maintenance-e2e-token-0001";
  private static final Path SHIPPED = Path.of("deploy/alertmanager/alertmanager.yml");
  private static final Duration GROUP_INTERVAL = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private AlertReceiver receiver;
  private AlertmanagerProcess alertmanager;
  private FakeReceiver webhook;

  @BeforeEach
  void start() throws Exception {
    Tools.require(AlertmanagerProcess.BINARY, "prometheus-alertmanager");
    receiver = AlertReceiver.start(vertx);
    webhook = FakeReceiver.start(vertx, FakeReceiver.Format.WEBHOOK, "unused-routing-key");
    alertmanager = AlertmanagerProcess.startShipped(SHIPPED, receiver.url(), GROUP_INTERVAL);
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (alertmanager != null) {
        alertmanager.close();
      }
    } finally {
      if (receiver != null) {
        receiver.close();
      }
      if (webhook != null) {
        webhook.close();
      }
    }
  }

  private RunningService startService() throws Exception {
    return startService(new JsonArray());
  }

  private RunningService startService(JsonArray windows) throws Exception {
    JsonObject config = fixture.config.copy()
      .put("maintenance", new JsonObject().put("windows", windows))
      .put("details", new JsonObject().put("visibility", "when-authorized").put("token", TOKEN))
      .put("checks", new JsonObject().put("redis", new JsonObject().put("interval", "200ms").put("timeout", "500ms")
        .put("url", RealServers.via(RealServers.REDIS_URL, fixture.redis.port()))))
      .put("notifications", new JsonObject().put("min_interval", "100ms").put("webhook", webhook.url())
        .put("alertmanager", new JsonObject().put("urls", new JsonArray().add(alertmanager.url()))
          .put("instance", "replica-1").put("repost_interval", "2s").put("timeout", "1s")
          .put("initial_backoff", "200ms").put("max_backoff", "1s")));
    service = RunningService.start(config, fixture.env);
    service.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(15), 5000);
    return service;
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
      .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
      .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Alertmanager's alert (API v2) about redis with the name given. */
  private Optional<JsonObject> alert(String alertname) {
    String answer = alertmanager.get("/api/v2/alerts");
    String json = answer.substring(answer.indexOf('['));
    return new JsonArray(json).stream().map(JsonObject.class::cast)
      .filter(a -> alertname.equals(a.getJsonObject("labels").getString("alertname"))
        && "redis".equals(a.getJsonObject("labels").getString("check"))).findFirst();
  }

  /** The webhook's messages about redis ("redis down"); the fixture's other checks may flap on a busy machine. */
  private List<String> redisMessages() {
    return webhook.events().stream().filter(e -> e.startsWith("redis ")).toList();
  }

  /** Alertmanager's notifications about redis. */
  private List<AlertReceiver.Received> redisPages() {
    return receiver.received().stream()
      .filter(n -> "redis".equals(n.body().getJsonObject("groupLabels").getString("check"))).toList();
  }

  /**
   * The service up with Redis ok, and settled: a first run that timed out on a busy machine is told (down, resolved)
   * before the window, and not counted in it.
   */
  private void startSettled() throws Exception {
    startService();
    service.awaitDependency("redis", "ok", Duration.ofSeconds(10));
    Exec.await("no startup alert left", Duration.ofSeconds(20), () -> alert("DependencyDown").isEmpty(),
      () -> alertmanager.get("/api/v2/alerts"));
    Thread.sleep(GROUP_INTERVAL.toMillis() * 2);
  }

  @Test
  void duringAWindowTheOutageIsMarkedButQuietAndTheProbesStillTellTheTruth() throws Exception {
    startSettled();
    int before = redisMessages().size();
    int pagesBefore = redisPages().size();
    HttpResponse<String> created = call("POST", "/health/maintenance",
      "{\"checks\":[\"redis\"],\"duration\":\"10m\",\"reason\":\"failover drill\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = new JsonObject(created.body()).getString("id");
    assertThat(service.get("/health/maintenance").body()).contains("\"name\":\"ad-hoc\"").doesNotContain("failover drill");

    fixture.redis.set(Mode.REFUSE);
    service.awaitDependency("redis", "error", Duration.ofSeconds(10));
    // Probes are not suppressed: a load balancer must still drain a replica whose dependency is down.
    assertThat(service.get("/health").status()).isEqualTo(503);
    assertThat(service.get("/health/ready").status()).isEqualTo(503);

    Exec.await("the marked alert in Alertmanager", Duration.ofSeconds(15),
      () -> alert("MaintenanceWindow").isPresent() && alert("DependencyDown").isPresent()
        && "suppressed".equals(alert("DependencyDown").get().getJsonObject("status").getString("state")),
      () -> alertmanager.get("/api/v2/alerts") + "\n" + alertmanager.log());
    JsonObject marker = alert("MaintenanceWindow").orElseThrow();
    assertThat(marker.getJsonObject("labels").getString("maintenance")).isEqualTo("ad-hoc");
    assertThat(marker.getJsonObject("labels").getString("check")).isEqualTo("redis");
    JsonObject down = alert("DependencyDown").orElseThrow();
    assertThat(down.getJsonObject("annotations").getString("maintenance")).isEqualTo("ad-hoc");
    assertThat(down.getJsonObject("status").getJsonArray("inhibitedBy")).isNotEmpty();

    // Several group intervals (each would have flushed a notification), a few re-posts: nothing anywhere.
    Thread.sleep(GROUP_INTERVAL.toMillis() * 3);
    assertThat(redisPages()).as("Alertmanager's receiver").hasSize(pagesBefore);
    assertThat(redisMessages()).as("the webhook").hasSize(before);
    assertThat(service.get("/health/ready").status()).isEqualTo(503);

    // The window ends while Redis is still down: the outage is told once on both paths.
    assertThat(call("DELETE", "/health/maintenance/" + id, null).statusCode()).isEqualTo(204);
    Exec.await("the webhook's down message after the window", Duration.ofSeconds(15),
      () -> redisMessages().size() > before, () -> String.valueOf(webhook.log()));
    Exec.await("Alertmanager's firing notification after the window", Duration.ofSeconds(20),
      () -> redisPages().size() > pagesBefore, () -> alertmanager.get("/api/v2/alerts") + "\n" + alertmanager.log());
    AlertReceiver.Received firing = redisPages().get(pagesBefore);
    assertThat(firing.status()).isEqualTo("firing");
    assertThat(firing.body().getJsonArray("alerts").getJsonObject(0).getJsonObject("labels").getString("alertname"))
      .isEqualTo("DependencyDown");
    List<String> events = redisMessages();
    assertThat(events.subList(before, events.size())).as("one down message").containsExactly("redis down");
    fixture.redis.set(Mode.FORWARD);
  }

  /** Paged before the window, recovered inside it: the "resolved" waits for the window's end, on both paths. */
  @Test
  void aRecoveryInsideTheWindowIsToldWhenTheWindowEnds() throws Exception {
    startSettled();
    int before = redisMessages().size();
    int pagesBefore = redisPages().size();

    fixture.redis.set(Mode.REFUSE);
    Exec.await("the page before the window", Duration.ofSeconds(20), () -> redisPages().size() > pagesBefore
      && redisMessages().size() > before, () -> alertmanager.get("/api/v2/alerts") + "\n" + webhook.log());
    HttpResponse<String> created = call("POST", "/health/maintenance", "{\"checks\":[\"redis\"],\"name\":\"fix\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    Exec.await("the marker", Duration.ofSeconds(15), () -> alert("MaintenanceWindow").isPresent(),
      () -> alertmanager.get("/api/v2/alerts"));

    fixture.redis.set(Mode.FORWARD);
    service.awaitDependency("redis", "ok", Duration.ofSeconds(10));
    // Past a marker's own lifetime (3 re-posts of 2 s) and two group intervals: a marker that lapsed while the
    // window is open (nothing posted once the check is up) would let the resolved through here.
    Thread.sleep(3 * 2_000 + GROUP_INTERVAL.toMillis() * 3);
    assertThat(redisPages()).as("no resolved inside the window").hasSize(pagesBefore + 1);
    assertThat(redisMessages()).as("no resolved message inside the window").hasSize(before + 1);

    String id = new JsonObject(created.body()).getString("id");
    assertThat(call("DELETE", "/health/maintenance/" + id, null).statusCode()).isEqualTo(204);
    Exec.await("the resolved page after the window", Duration.ofSeconds(20), () -> redisPages().size() > pagesBefore + 1,
      () -> alertmanager.get("/api/v2/alerts") + "\n" + alertmanager.log());
    assertThat(redisPages().get(pagesBefore + 1).status()).isEqualTo("resolved");
    Exec.await("the resolved message after the window", Duration.ofSeconds(15),
      () -> redisMessages().size() > before + 1, () -> String.valueOf(webhook.log()));
    assertThat(redisMessages().subList(before, redisMessages().size())).containsExactly("redis down", "redis resolved");
  }

  /** A window from the file is listed, its reason only with details; writing needs the token even so. */
  @Test
  void aConfiguredWindowIsListedAndTheEndpointNeedsTheToken() throws Exception {
    java.time.Instant now = java.time.Instant.now();
    startService(new JsonArray().add(new JsonObject().put("name", "db-upgrade").put("checks", new JsonArray().add("redis"))
      .put("start", now.minusSeconds(60).toString()).put("end", now.plusSeconds(600).toString())
      .put("reason", "pg 17 upgrade")));
    JsonObject anonymous = new JsonObject(service.get("/health/maintenance").body());
    assertThat(anonymous.getJsonArray("active").getJsonObject(0).getString("name")).isEqualTo("db-upgrade");
    assertThat(anonymous.getJsonArray("active").getJsonObject(0).getString("source")).isEqualTo("config");
    assertThat(anonymous.encode()).doesNotContain("pg 17 upgrade");
    assertThat(service.get("/health/maintenance?verbose", "Authorization", "Bearer " + TOKEN).body()).contains("pg 17 upgrade");
    HttpResponse<String> anonymousPost = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + service.port() + "/health/maintenance")).timeout(Duration.ofSeconds(5))
      .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(anonymousPost.statusCode()).isEqualTo(401);
    assertThat(call("DELETE", "/health/maintenance/db-upgrade", null).statusCode()).as("a configured window ends by its schedule")
      .isEqualTo(404);
  }
}
