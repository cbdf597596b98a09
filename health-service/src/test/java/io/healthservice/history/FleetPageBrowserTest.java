package io.healthservice.history;

import io.healthservice.support.AlertReceiver;
import io.healthservice.support.AlertmanagerProcess;
import io.healthservice.support.Browser;
import io.healthservice.support.Exec;
import io.healthservice.support.Exposition;
import io.healthservice.support.FakeReceiver;
import io.healthservice.support.Ports;
import io.healthservice.support.RealServers;
import io.healthservice.support.RunningService;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy;
import io.healthservice.support.TcpProxy.Mode;
import io.healthservice.support.Tools;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 33's real-browser scenarios beyond one replica (Debian's headless Chromium, driven by playwright-core from
 * src/test/browser/fleet-page.mjs, which holds the page expectations):
 * <ul>
 *   <li>two replicas sharing a history store (a database of this test's own on the real Postgres, behind a proxy):
 *   both pages show the same rows, a Redis outage seen by one replica and then by both, and after replica-a
 *   restarts its page still has the outage; then the store stops and starts again: the pages say so, the probes
 *   and the checks carry on;</li>
 *   <li>a maintenance window started through {@code POST /health/maintenance} while Redis is down: the row is
 *   marked, the webhook and the real Alertmanager (the shipped config) stay quiet, {@code /health} still says 503.</li>
 * </ul>
 * The script asks this class to act (proxies, restart, windows) and to check what only Java sees through a small
 * control server: {@code POST /<action>} answers 200 with the action's JSON, or 500 with the failed assertion
 * (also kept in {@link #failures}, asserted at the end). Screenshots land in target/status-page-*.png.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FleetPageBrowserTest extends ServiceTest {

  /** Surefire runs in the project's root directory (see the pom); an IDE may run in the module's. */
  private static final Path SHOTS = Browser.SHOTS;
  private static final String TOKEN = "fleet-page-e2e-token-0001";
  private static final Path SHIPPED_ALERTMANAGER = Path.of("deploy/alertmanager/alertmanager.yml");
  private static final Duration GROUP_INTERVAL = Duration.ofSeconds(2);

  private final String database = "history_page_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private final Map<String, Callable<Object>> actions = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private HttpServer control;
  private TcpProxy store;
  private TcpProxy redisB;
  private RunningService a;
  private RunningService b;
  private AlertReceiver receiver;
  private AlertmanagerProcess alertmanager;
  private FakeReceiver webhook;

  @AfterEach
  void closeAll() throws Exception {
    List<AutoCloseable> all = new ArrayList<>();
    if (control != null) {
      all.add(() -> control.close().await(5, TimeUnit.SECONDS));
    }
    for (AutoCloseable closeable : new AutoCloseable[] {a, b, redisB, store, alertmanager, receiver, webhook}) {
      if (closeable != null) {
        all.add(closeable);
      }
    }
    Exception first = null;
    for (AutoCloseable closeable : all) {
      try {
        closeable.close();
      } catch (Exception e) {
        first = first == null ? e : first;
      }
    }
    if (store != null) {
      psql("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    if (first != null) {
      throw first;
    }
  }

  @Test
  void twoReplicasShowOneFleetKeepItAcrossARestartAndSayWhenTheStoreIsAway() throws Exception {
    Browser tools = Browser.require();
    psql("postgres", "CREATE DATABASE " + database);
    store = TcpProxy.start(vertx, "127.0.0.1", 5432);
    // replica-b reaches Redis through a proxy of its own: one replica can see Redis down while the other does not.
    redisB = TcpProxy.start(vertx, RealServers.host(RealServers.REDIS_URL), RealServers.port(RealServers.REDIS_URL));
    a = replica("replica-a", fixture.redis);
    b = replica("replica-b", redisB);

    actions.put("redis-a/refuse", () -> proxy(fixture.redis, Mode.REFUSE));
    actions.put("redis-a/forward", () -> proxy(fixture.redis, Mode.FORWARD));
    actions.put("redis-b/refuse", () -> proxy(redisB, Mode.REFUSE));
    actions.put("redis-b/forward", () -> proxy(redisB, Mode.FORWARD));
    actions.put("store/refuse", () -> proxy(store, Mode.REFUSE));
    actions.put("store/forward", () -> proxy(store, Mode.FORWARD));
    // A rollout: replica-a's process ends and a new one starts under the same name (on another port).
    actions.put("restart-a", () -> {
      a.close();
      a = replica("replica-a", fixture.redis);
      return new JsonObject().put("status", statusUrl(a));
    });
    // While the store is away: the probes answer at once and truthfully, /metrics says so, the checks run on.
    actions.put("store-down/service-carries-on", () -> {
      for (RunningService replica : List.of(a, b)) {
        double runs = replica.runs("redis");
        for (String probe : List.of("/health", "/health/ready")) {
          RunningService.Probe answer = replica.get(probe);
          assertThat(answer.status()).as(probe).isEqualTo(200);
          assertThat(answer.elapsedMs()).as(probe + " ms").isLessThan(1000);
        }
        assertThat(new Exposition(replica.get("/metrics").body())
          .value("health_history_store_up")).isEqualTo(0.0);
        replica.awaitRuns("redis", runs, 5, Duration.ofSeconds(10));
      }
      return new JsonObject();
    });
    actions.put("store-back/caught-up", () -> {
      for (RunningService replica : List.of(a, b)) {
        replica.await("/health/history", p -> p.json().getJsonObject("store").getBoolean("up")
          && p.json().getJsonObject("store").getLong("buffered") == 0, Duration.ofSeconds(30), 2000);
        assertThat(replica.get("/health/history").json().getJsonObject("store").getLong("dropped")).isZero();
      }
      return new JsonObject();
    });

    String stdout = runScript("fleet", tools, statusUrl(a), statusUrl(b));
    assertThat(stdout).contains("restarted replica-a sees the earlier outage");
    for (String shot : List.of("status-page-fleet.png", "status-page-fleet-restarted.png", "status-page-store-down.png")) {
      assertThat(Files.size(SHOTS.resolve(shot))).as(shot).isGreaterThan(10_000);
    }
  }

  @Test
  void aWindowStartedThroughTheEndpointMarksTheRowKeepsNotificationsQuietAndLeavesTheProbes() throws Exception {
    Browser tools = Browser.require();
    Tools.require(AlertmanagerProcess.BINARY, "prometheus-alertmanager");
    receiver = AlertReceiver.start(vertx);
    webhook = FakeReceiver.start(vertx, FakeReceiver.Format.WEBHOOK, "unused-routing-key");
    // The shipped file (its inhibit rule is what keeps DependencyDown quiet), the test's receiver, waits in seconds.
    alertmanager = AlertmanagerProcess.startShipped(SHIPPED_ALERTMANAGER, receiver.url(), GROUP_INTERVAL);

    JsonObject serviceConfig = fixture.config.copy()
      .put("details", new JsonObject().put("visibility", "when-authorized").put("token", TOKEN))
      .put("notifications", new JsonObject().put("min_interval", "100ms").put("webhook", webhook.url())
        .put("alertmanager", new JsonObject().put("urls", new JsonArray().add(alertmanager.url()))
          .put("instance", "replica-1").put("repost_interval", "2s").put("timeout", "1s")
          .put("initial_backoff", "200ms").put("max_backoff", "1s")));
    service = RunningService.start(serviceConfig, fixture.env);
    service.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(15), 5000);
    service.awaitDependency("redis", "ok", Duration.ofSeconds(10));
    // A first run that timed out on a busy machine is told (down, resolved) before the window: not counted.
    Exec.await("no startup alert left", Duration.ofSeconds(20), () -> alert("DependencyDown") == null,
      () -> alertmanager.get("/api/v2/alerts"));
    Thread.sleep(GROUP_INTERVAL.toMillis() * 2);
    int[] before = new int[2];
    String[] window = new String[1];

    actions.put("redis/refuse", () -> proxy(fixture.redis, Mode.REFUSE));
    actions.put("redis/forward", () -> proxy(fixture.redis, Mode.FORWARD));
    actions.put("maintenance/start", () -> {
      before[0] = redisMessages().size();
      before[1] = redisPages().size();
      HttpResponse<String> created = call("POST", "/health/maintenance",
        "{\"checks\":[\"redis\"],\"name\":\"redis-failover\",\"duration\":\"10m\",\"reason\":\"failover drill\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      window[0] = new JsonObject(created.body()).getString("id");
      return new JsonObject().put("id", window[0]);
    });
    // Redis is down inside the window: Alertmanager holds DependencyDown, inhibited by the window's marker, and
    // several group intervals (each would have notified) and re-posts later nobody was told anything.
    actions.put("maintenance/quiet", () -> {
      Exec.await("DependencyDown suppressed beside the MaintenanceWindow marker", Duration.ofSeconds(15),
        () -> alert("MaintenanceWindow") != null && alert("DependencyDown") != null
          && "suppressed".equals(alert("DependencyDown").getJsonObject("status").getString("state")),
        () -> alertmanager.get("/api/v2/alerts") + "\n" + alertmanager.log());
      Thread.sleep(GROUP_INTERVAL.toMillis() * 3);
      assertThat(redisPages()).as("Alertmanager's receiver during the window").hasSize(before[1]);
      assertThat(redisMessages()).as("the webhook during the window").hasSize(before[0]);
      return new JsonObject().put("webhook", redisMessages().size() - before[0])
        .put("alertmanager", redisPages().size() - before[1]);
    });
    // The window ends with Redis still down: now both paths tell it, once (so the quiet above was the window's).
    actions.put("maintenance/end", () -> {
      assertThat(call("DELETE", "/health/maintenance/" + window[0], null).statusCode()).isEqualTo(204);
      Exec.await("the webhook's down message after the window", Duration.ofSeconds(15),
        () -> redisMessages().size() > before[0], () -> String.valueOf(webhook.log()));
      Exec.await("Alertmanager's notification after the window", Duration.ofSeconds(20),
        () -> redisPages().size() > before[1], () -> alertmanager.get("/api/v2/alerts") + "\n" + alertmanager.log());
      assertThat(redisMessages().subList(before[0], redisMessages().size())).containsExactly("redis down");
      assertThat(redisPages().get(before[1]).status()).isEqualTo("firing");
      return new JsonObject();
    });

    runScript("maintenance", tools, statusUrl(service));
    assertThat(window[0]).as("the window was started").isNotNull();
    assertThat(Files.size(SHOTS.resolve("status-page-maintenance.png"))).isGreaterThan(10_000);
  }

  // --- the browser and the control server ---

  /** Runs fleet-page.mjs's {@code scenario} against {@code pages}; returns its output once every expectation held. */
  private String runScript(String scenario, Browser tools, String... pages) throws Exception {
    control = vertx.createHttpServer().requestHandler(request -> {
      Callable<Object> action = actions.get(request.path().substring(1));
      if (action == null) {
        request.response().setStatusCode(404).end("no action " + request.path());
        return;
      }
      vertx.executeBlocking(action).onComplete(ar -> {
        if (ar.succeeded()) {
          request.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(String.valueOf(ar.result()));
        } else {
          String failure = request.path() + ": " + ar.cause();
          synchronized (failures) {
            failures.add(failure);
          }
          request.response().setStatusCode(500).end(failure);
        }
      });
    });
    control.listen(Ports.free(), "127.0.0.1").await(5, TimeUnit.SECONDS);
    List<String> args = new ArrayList<>(List.of(scenario, "http://127.0.0.1:" + control.actualPort(), tools.chromium(),
      SHOTS.toString()));
    args.addAll(List.of(pages));
    Exec.Result result = tools.run(Duration.ofSeconds(240), "fleet-page.mjs", args);
    System.out.println("fleet-page.mjs " + scenario + ":\n" + result.stdout() + result.stderr());
    assertThat(failures).as("the checks the script asked for\n%s", result.stdout()).isEmpty();
    assertThat(result.exitCode()).as("fleet-page.mjs %s:\n%s\n%s", scenario, result.stdout(), result.stderr()).isZero();
    assertThat(result.stdout()).contains("all expectations held");
    return result.stdout();
  }

  private static JsonObject proxy(TcpProxy proxy, Mode mode) throws Exception {
    proxy.set(mode);
    return new JsonObject().put("mode", mode.name());
  }

  private static String statusUrl(RunningService replica) {
    return "http://127.0.0.1:" + replica.port() + "/status";
  }

  // --- the fleet ---

  private RunningService replica(String instance, TcpProxy redis) throws Exception {
    JsonObject config = fixture.config.copy()
      .put("history", new JsonObject()
        .put("store", "postgresql://postgres@127.0.0.1:" + store.port() + "/" + database)
        .put("instance", instance).put("flush_interval", "1s"))
      .put("details", new JsonObject().put("visibility", "always"));
    config.getJsonObject("checks").getJsonObject("redis").put("url", RealServers.via(RealServers.REDIS_URL, redis.port()));
    RunningService replica = RunningService.start(config, fixture.env);
    replica.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(15), 5000);
    replica.awaitDependency("redis", "ok", Duration.ofSeconds(10));
    return replica;
  }

  private static String psql(String db, String sql) {
    return Exec.ok(Duration.ofSeconds(60), List.of("psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
      "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-c", sql)).trim();
  }

  // --- maintenance ---

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
      .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
      .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Alertmanager's alert (API v2) about redis named {@code alertname}, or null. */
  private JsonObject alert(String alertname) {
    String answer = alertmanager.get("/api/v2/alerts");
    return new JsonArray(answer.substring(answer.indexOf('['))).stream().map(JsonObject.class::cast)
      .filter(alert -> alertname.equals(alert.getJsonObject("labels").getString("alertname"))
        && "redis".equals(alert.getJsonObject("labels").getString("check"))).findFirst().orElse(null);
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
}
