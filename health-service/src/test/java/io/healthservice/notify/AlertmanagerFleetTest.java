package io.healthservice.notify;

import io.healthservice.support.AlertReceiver;
import io.healthservice.support.AlertmanagerProcess;
import io.healthservice.support.Exec;
import io.healthservice.support.LogCapture;
import io.healthservice.support.RunningService;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy.Mode;
import io.healthservice.support.Tools;
import io.healthservice.support.RealServers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "done when", against the real Alertmanager (0.25, clustering off, its own storage): three
 * replicas in one JVM, each its own instance, watch one Redis through one proxy; an outage is one firing
 * notification holding one alert, a replica restarted during it adds none, recovery is one resolved
 * notification; an Alertmanager that is stopped during an outage still gets the firing alert when it is back.
 * The bearer token is in no log, notification or stored alert.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // about 16 s on an idle host, mostly Alertmanager's group waits and intervals: more than the default minute on a busy host
class AlertmanagerFleetTest extends ServiceTest {

  private static final Logger LOG = Logger.getLogger("health.test");
  private static final String TOKEN = "am-bearer-t0ken-fleet-0001";
  /** Alertmanager's timings: short, so an outage's notification comes within seconds. */
  private static final Duration GROUP_WAIT = Duration.ofSeconds(1);
  private static final Duration GROUP_INTERVAL = Duration.ofSeconds(2);
  private static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(15);
  /** The replicas' re-post interval: well inside resolve_timeout. */
  private static final String REPOST = "3s";

  private AlertReceiver receiver;
  private AlertmanagerProcess alertmanager;
  private LogCapture logs;
  private Path tokenFile;
  private final List<RunningService> replicas = new ArrayList<>();

  @BeforeEach
  void startAlertmanager() throws Exception {
    Tools.require(AlertmanagerProcess.BINARY, "prometheus-alertmanager");
    logs = LogCapture.install();
    receiver = AlertReceiver.start(vertx);
    alertmanager = AlertmanagerProcess.start(String.join("\n",
      "global:",
      "  resolve_timeout: " + RESOLVE_TIMEOUT.toSeconds() + "s",
      "route:",
      "  receiver: hook",
      "  group_by: [service, check]",
      "  group_wait: " + GROUP_WAIT.toSeconds() + "s",
      "  group_interval: " + GROUP_INTERVAL.toSeconds() + "s",
      "  repeat_interval: 10m",
      "receivers:",
      "  - name: hook",
      "    webhook_configs:",
      "      - url: " + receiver.url(),
      "        send_resolved: true",
      ""));
    tokenFile = Files.createTempFile("am-token", ".txt");
    Files.writeString(tokenFile, TOKEN + "\n");
  }

  @AfterEach
  void stopAll() throws Exception {
    try {
      for (RunningService replica : replicas) {
        replica.close();
      }
    } finally {
      // Null when the set-up failed (Alertmanager not installed): that error, not a NullPointerException here, is the report.
      if (alertmanager != null) {
        alertmanager.close();
      }
      if (receiver != null) {
        receiver.close();
      }
      if (logs != null) {
        logs.close();
      }
      if (tokenFile != null) {
        Files.deleteIfExists(tokenFile);
      }
    }
  }

  private RunningService replica(String instance) throws Exception {
    JsonObject config = fixture.config.copy()
      .put("details", "always")
      .put("checks", new JsonObject().put("redis", new JsonObject().put("interval", "200ms").put("timeout", "500ms")
        .put("url", RealServers.via(RealServers.REDIS_URL, fixture.redis.port()))))
      .put("notifications", new JsonObject().put("alertmanager", new JsonObject()
        .put("urls", new JsonArray().add(alertmanager.url()))
        .put("instance", instance)
        .put("labels", new JsonObject().put("env", "test"))
        .put("bearer_token_file", tokenFile.toString())
        .put("repost_interval", REPOST)
        .put("timeout", "1s")
        .put("initial_backoff", "200ms")
        .put("max_backoff", "1s")));
    Map<String, String> env = new HashMap<>(fixture.env);
    RunningService service = RunningService.start(config, env);
    service.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(15), 5000);
    replicas.add(service);
    return service;
  }

  private void awaitAll(String status) throws Exception {
    for (RunningService replica : replicas) {
      replica.awaitDependency("redis", status, Duration.ofSeconds(10));
    }
  }

  private List<AlertReceiver.Received> notifications() {
    return receiver.received();
  }

  private void awaitNotifications(int count, Duration deadline) {
    Exec.await(count + " notifications", deadline, () -> notifications().size() >= count,
      () -> notifications() + "\nalerts: " + alertmanager.get("/api/v2/alerts") + "\nlog: " + alertmanager.log());
  }

  /** Nothing more arrives for a few group intervals (each would have flushed a change). */
  private void assertQuiet(int count) throws InterruptedException {
    Thread.sleep(GROUP_INTERVAL.toMillis() * 3);
    assertThat(notifications()).as("no more notifications").hasSize(count);
  }

  private static void assertOneAlert(AlertReceiver.Received n, String status) {
    assertThat(n.status()).isEqualTo(status);
    JsonArray alerts = n.body().getJsonArray("alerts");
    assertThat(alerts).as(n.body().encodePrettily()).hasSize(1);
    JsonObject alert = alerts.getJsonObject(0);
    assertThat(alert.getString("status")).isEqualTo(status);
    assertThat(alert.getJsonObject("labels").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
      "alertname", "DependencyDown", "service", "ai-chatrooms", "check", "redis", "severity", "critical", "env", "test"));
    assertThat(alert.getJsonObject("annotations").getString("instance")).matches("replica-[123]");
    assertThat(alert.getJsonObject("annotations").getString("status_url")).endsWith("/status");
  }

  private static long msSince(long nanos, AlertReceiver.Received n) {
    return (n.nanos() - nanos) / 1_000_000;
  }

  @Test
  void threeReplicasMakeOneFiringAndOneResolvedNotificationEvenWithARestartDuringTheOutage() throws Exception {
    for (int i = 1; i <= 3; i++) {
      replica("replica-" + i);
    }
    awaitAll("ok");

    long broken = System.nanoTime();
    fixture.redis.set(Mode.REFUSE);
    awaitNotifications(1, Duration.ofSeconds(20));
    AlertReceiver.Received firing = notifications().get(0);
    assertOneAlert(firing, "firing");
    LOG.info("break to firing notification: " + msSince(broken, firing) + " ms");

    // A replica restarted during the outage posts the firing alert again: same labels, no new notification.
    replicas.remove(1).close();
    replica("replica-2").awaitDependency("redis", "error", Duration.ofSeconds(10));
    assertQuiet(1);

    long recovered = System.nanoTime();
    fixture.redis.set(Mode.FORWARD);
    awaitNotifications(2, Duration.ofSeconds(20));
    AlertReceiver.Received resolved = notifications().get(1);
    assertOneAlert(resolved, "resolved");
    LOG.info("recovery to resolved notification: " + msSince(recovered, resolved) + " ms");
    assertQuiet(2);

    String everything = logs.text() + notifications() + alertmanager.get("/api/v2/alerts") + alertmanager.log();
    assertThat(everything).doesNotContain(TOKEN);
    System.out.println("[alertmanager-timing] break->firing=" + msSince(broken, firing) + "ms recovery->resolved="
      + msSince(recovered, resolved) + "ms (group_wait=" + GROUP_WAIT.toMillis() + "ms group_interval="
      + GROUP_INTERVAL.toMillis() + "ms repost=" + REPOST + ")");
  }

  @Test
  void anAlertmanagerStoppedDuringTheOutageGetsTheFiringAlertWhenItIsBack() throws Exception {
    replica("replica-1");
    replica("replica-2");
    awaitAll("ok");
    alertmanager.stop();
    fixture.redis.set(Mode.REFUSE);
    awaitAll("error");
    Thread.sleep(2000); // posts fail and are retried with back-off (max 1 s) while it is away
    assertThat(notifications()).isEmpty();
    long back = System.nanoTime();
    alertmanager.restart();
    awaitNotifications(1, Duration.ofSeconds(20));
    AlertReceiver.Received firing = notifications().get(0);
    assertOneAlert(firing, "firing");
    System.out.println("[alertmanager-timing] restart->firing=" + msSince(back, firing) + "ms");
    fixture.redis.set(Mode.FORWARD);
    awaitNotifications(2, Duration.ofSeconds(20));
    assertOneAlert(notifications().get(1), "resolved");
    assertThat(logs.text()).doesNotContain(TOKEN).contains("alertmanager post failed")
      .contains("alertmanager answering again");
  }
}
