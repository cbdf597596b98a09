package io.healthservice.metrics;

import io.healthservice.metrics.GrafanaDashboard.Query;
import io.healthservice.metrics.GrafanaDashboard.Variable;
import io.healthservice.support.Exec;
import io.healthservice.support.Fixture;
import io.healthservice.support.RunningService;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard and the fleet alerts on a real Prometheus scraping two real replicas, while Redis is
 * down on one replica and then on both: every panel's query returns data, the fleet panels show "down
 * on some replicas" then "down everywhere", and the matching alert goes pending. About 20 s; with
 * Chromium present (always on CI), a picture of the key panels' queries on Prometheus' graph page too.
 */
@ExtendWith(VertxExtension.class)
// Two replicas, a Prometheus and a Chromium: ~25 s on an idle machine, 65 s seen on 2 cores at load 19.
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DashboardOnPrometheusTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** The panels in the picture of docs/observability.md. */
  private static final List<String> PICTURED = List.of("Status by check (down on any replica = down)",
    "Fleet verdict per check", "Replicas that cannot reach each check", "Failed runs per second by check and reason",
    "Check latency: average and max", "State changes in 15 min (flapping)");
  /** Grafana's built-ins as it would fill them in for a 1 s scrape interval and a short time range. */
  private static final Map<String, String> BUILT_INS = Map.of("__rate_interval", "15s", "__range", "1m", "__interval", "1s");

  @Test
  void panelsAndFleetAlertsFollowAnOutageFromOneReplicaToAll(Vertx vertx) throws Exception {
    GrafanaDashboard dashboard = GrafanaDashboard.load();
    try (Fixture fixtureA = new Fixture(vertx); Fixture fixtureB = new Fixture(vertx);
         RunningService a = startReplica(fixtureA); RunningService b = startReplica(fixtureB)) {
      String instanceA = "127.0.0.1:" + a.port();
      String instanceB = "127.0.0.1:" + b.port();
      fixtureB.redis.set(Mode.REFUSE);
      b.awaitDependency("redis", "error", WAIT);

      try (PrometheusServer prometheus = PrometheusServer.start(List.of(instanceA, instanceB))) {
        Map<String, String> variables = new LinkedHashMap<>(BUILT_INS);
        variables.putAll(Map.of("job", PrometheusServer.JOB, "instance", ".+", "check", ".+"));
        // Enough scrapes of both replicas for rate() over 15 s.
        await(prometheus, "two replicas scraped for 3 s", () ->
          prometheus.query("count_over_time(health_status[10s]) >= 3").size() == 2);

        for (Variable variable : dashboard.queryVariables()) {
          JsonArray values = prometheus.labelValues(variable.label(), GrafanaDashboard.substitute(variable.selector(), variables));
          Set<String> expected = switch (variable.name()) {
            case "job" -> Set.of(PrometheusServer.JOB);
            case "instance" -> Set.of(instanceA, instanceB);
            default -> Set.of("database", "redis", "openai");
          };
          assertThat(values.getList()).as("variable " + variable.name()).containsExactlyInAnyOrderElementsOf(expected);
        }

        List<String> empty = new ArrayList<>();
        for (Query query : dashboard.queries()) {
          if (prometheus.query(GrafanaDashboard.substitute(query.expr(), variables)).isEmpty()) {
            empty.add(query.panel() + ": " + query.expr());
          }
        }
        assertThat(empty).as("panel queries that returned no data").isEmpty();

        // What the panels show with Redis down on B only.
        String verdict = query(dashboard, "Fleet verdict per check", variables);
        assertThat(prometheus.value(verdict, "check", "redis")).as("redis: down on some replicas").isEqualTo(1.0);
        assertThat(prometheus.value(verdict, "check", "database")).as("database: up everywhere").isEqualTo(2.0);
        String downCount = query(dashboard, "Replicas that cannot reach each check", variables);
        assertThat(prometheus.value(downCount, "check", "redis")).isEqualTo(1.0);
        JsonArray downNow = prometheus.query(query(dashboard, "Down right now: check and replica", variables));
        assertThat(downNow).hasSize(1);
        assertThat(downNow.getJsonObject(0).getJsonObject("metric").getMap())
          .containsEntry("check", "redis").containsEntry("instance", instanceB);
        assertThat(prometheus.query(query(dashboard, "Overall status (worst replica)", variables))
          .getJsonObject(0).getJsonArray("value").getString(1)).isEqualTo("0");
        awaitAlert(prometheus, "DependencyDownOnSomeReplicas", "redis", instanceB);
        assertThat(alerts(prometheus, "DependencyDownEverywhere")).isEmpty();

        // Now on A too: the same dependency is down everywhere.
        fixtureA.redis.set(Mode.REFUSE);
        await(prometheus, "redis down everywhere on the fleet panel", () -> Objects.equals(prometheus.value(verdict, "check", "redis"), 0.0));
        assertThat(prometheus.value(downCount, "check", "redis")).isEqualTo(2.0);
        awaitAlert(prometheus, "DependencyDownEverywhere", "redis", null);
        await(prometheus, "the partial alert gone", () -> alerts(prometheus, "DependencyDownOnSomeReplicas").isEmpty());

        for (Object rule : prometheus.rules()) {
          JsonObject r = (JsonObject) rule;
          assertThat(r.getString("health")).as(r.getString("name") + ": " + r.getString("lastError")).isEqualTo("ok");
        }
        if (PrometheusGraphPage.wanted()) {
          picture(dashboard, prometheus, variables);
        }
      }
    }
  }

  /** The outage on Prometheus' graph page: the key panels' queries, saved under target/ (the picture in docs/observability.md). */
  private static void picture(GrafanaDashboard dashboard, PrometheusServer prometheus, Map<String, String> variables)
    throws Exception {
    List<String> exprs = PICTURED.stream().map(panel -> query(dashboard, panel, variables)).toList();
    Path png = Path.of("health-service/target/dashboard-panels/prometheus-graph.png");
    String page = PrometheusGraphPage.render(PrometheusGraphPage.url(prometheus.baseUrl(), exprs, "30s"), exprs.size(), png);
    assertThat(page).as("the graphs' legends name the checks and the failure reason")
      .contains("{check=\"redis\"}", "{check=\"database\"}", "{check=\"redis\",reason=\"refused\"}");
    assertThat(Files.size(png)).as(png + " holds graphs, not a blank page").isGreaterThan(30_000);
  }

  /**
   * Like {@link Fixture#start()}, with a lenient limit per probe: probe latency is not what this test is
   * about, and the first probes of a cold JVM on a loaded machine can take over a second.
   */
  static RunningService startReplica(Fixture fixture) throws Exception {
    RunningService service = RunningService.start(fixture.config, fixture.env);
    service.await("/health/started", p -> p.status() == 200, WAIT, 10_000);
    return service;
  }

  private static String query(GrafanaDashboard dashboard, String panel, Map<String, String> variables) {
    return dashboard.queries().stream().filter(q -> q.panel().equals(panel)).findFirst()
      .map(q -> GrafanaDashboard.substitute(q.expr(), variables)).orElseThrow(() -> new AssertionError("no panel " + panel));
  }

  private static List<JsonObject> alerts(PrometheusServer prometheus, String name) throws Exception {
    List<JsonObject> alerts = new ArrayList<>();
    for (Object o : prometheus.alerts()) {
      JsonObject alert = (JsonObject) o;
      if (name.equals(alert.getJsonObject("labels").getString("alertname"))) {
        alerts.add(alert);
      }
    }
    return alerts;
  }

  /** Waits for exactly one alert {@code name} about {@code check} (and {@code instance} when given). */
  private static void awaitAlert(PrometheusServer prometheus, String name, String check, String instance) {
    await(prometheus, name + " for " + check, () -> {
      List<JsonObject> alerts = alerts(prometheus, name);
      if (alerts.size() != 1) {
        return false;
      }
      JsonObject labels = alerts.get(0).getJsonObject("labels");
      assertThat(alerts.get(0).getString("state")).as("with for: minutes, only pending in a test").isEqualTo("pending");
      return check.equals(labels.getString("check"))
        && Objects.equals(instance, labels.getString("instance"));
    });
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(PrometheusServer prometheus, String what, Condition condition) {
    Exec.await(what, WAIT, () -> {
      try {
        return condition.holds();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, () -> {
      try {
        return "alerts " + prometheus.alerts().encode() + "; log: " + prometheus.log();
      } catch (Exception e) {
        return e.toString();
      }
    });
  }
}
