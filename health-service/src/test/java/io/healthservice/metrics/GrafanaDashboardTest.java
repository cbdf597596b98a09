package io.healthservice.metrics;

import io.healthservice.metrics.GrafanaDashboard.Query;
import io.healthservice.metrics.GrafanaDashboard.Variable;
import io.healthservice.metrics.PromQl.Parsed;
import io.healthservice.metrics.PromQl.Selector;
import io.healthservice.support.Exposition;
import io.healthservice.support.Fixture;
import io.healthservice.support.RunningService;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/grafana/health-service.json against the service's real /metrics: every metric, label, label
 * value and legend label its queries use exists there (or is one Prometheus adds: up, job, instance),
 * and the panels the issue asks for are there. {@link DashboardOnPrometheusTest} then runs the queries.
 */
@ExtendWith(VertxExtension.class)
class GrafanaDashboardTest {

  /** Added by Prometheus to every scraped series (target labels), or generated per target. */
  private static final Set<String> TARGET_LABELS = Set.of("job", "instance");
  private static final Set<String> SYNTHETIC_METRICS = Set.of("up");

  private static Exposition metrics;
  private static GrafanaDashboard dashboard;

  @BeforeAll
  static void scrape() throws Exception {
    dashboard = GrafanaDashboard.load();
    Vertx vertx = Vertx.vertx();
    try (Fixture fixture = new Fixture(vertx); RunningService service = DashboardOnPrometheusTest.startReplica(fixture)) {
      // At least one run of each check, so the histogram and counters are exported with all their labels; and a
      // failure, as a failure series appears at a check's first failure of that reason.
      service.await("/metrics", p -> p.body().contains("health_check_duration_seconds_count{check=\"openai\""),
        Duration.ofSeconds(30), 10_000);
      fixture.redis.set(TcpProxy.Mode.REFUSE);
      service.await("/metrics", p -> p.body().contains("health_check_failures_total{check=\"redis\",reason=\"refused\"}"),
        Duration.ofSeconds(30), 10_000);
      metrics = new Exposition(service.get("/metrics").body());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void everyMetricLabelAndValueQueriedExistsInMetrics() {
    SoftAssertions softly = new SoftAssertions();
    List<Query> queries = dashboard.queries();
    assertThat(queries).hasSizeGreaterThan(15);
    for (Query query : queries) {
      Parsed parsed = PromQl.parse(query.expr());
      softly.assertThat(parsed.selectors()).as(query.panel() + ": " + query.expr()).isNotEmpty();
      Set<String> available = new TreeSet<>(TARGET_LABELS);
      for (Selector selector : parsed.selectors()) {
        available.addAll(checkSelector(softly, query.panel(), selector));
      }
      for (String label : parsed.groupingLabels()) {
        softly.assertThat(available.contains(label)).as(query.panel() + ": grouping by " + label + ", which is on none of "
          + parsed.selectors().stream().map(Selector::metric).toList()).isTrue();
      }
      // After "by (...)" only the grouping labels are left for the legend.
      Set<String> legendCanUse = parsed.groupingLabels().isEmpty() ? available : parsed.groupingLabels();
      softly.assertThat(legendCanUse).as(query.panel() + ": legend " + query.legend() + " of " + query.expr())
        .containsAll(query.legendLabels());
    }
    for (Variable variable : dashboard.queryVariables()) {
      Parsed parsed = PromQl.parse(variable.selector());
      assertThat(parsed.selectors()).hasSize(1);
      Set<String> labels = checkSelector(softly, "variable " + variable.name(), parsed.selectors().get(0));
      softly.assertThat(labels).as("variable " + variable.name()).contains(variable.label());
    }
    softly.assertAll();
  }

  /** Checks one selector against the scrape; returns the labels its series carry (target labels included). */
  private static Set<String> checkSelector(SoftAssertions softly, String where, Selector selector) {
    Set<String> labels = new TreeSet<>(TARGET_LABELS);
    if (SYNTHETIC_METRICS.contains(selector.metric())) {
      return labels;
    }
    softly.assertThat(metrics.names().contains(selector.metric())).as(where + ": no metric " + selector.metric() + " in /metrics")
      .isTrue();
    labels.addAll(metrics.labelNames(selector.metric()));
    for (PromQl.Matcher matcher : selector.matchers()) {
      softly.assertThat(labels.contains(matcher.label())).as(where + ": no label " + matcher.label() + " on " + selector.metric())
        .isTrue();
      if (matcher.op().equals("=") && !TARGET_LABELS.contains(matcher.label())) {
        softly.assertThat(metrics.labelValues(selector.metric(), matcher.label()))
          .as(where + ": " + matcher.label() + "=\"" + matcher.value() + "\"").contains(matcher.value());
      }
    }
    return labels;
  }

  @Test
  void everyHealthMetricOfTheServiceHasAPanel() {
    Set<String> queried = new HashSet<>();
    dashboard.queries().forEach(q -> PromQl.parse(q.expr()).selectors().forEach(s -> queried.add(s.metric())));
    Set<String> health = new TreeSet<>();
    metrics.names().stream().filter(n -> n.startsWith("health_")).forEach(health::add);
    assertThat(health).isNotEmpty();
    for (String name : health) {
      String family = name.replaceAll("_(bucket|sum|count|max)$", "");
      assertThat(queried).as(name + " on no panel").anyMatch(q -> q.startsWith(family));
    }
  }

  @Test
  void hasThePanelsTheIssueAsksFor() {
    List<Query> queries = dashboard.queries();
    assertThat(queries).as("overall status").anyMatch(q -> q.expr().contains("health_status{") && q.panelType().equals("stat"));
    assertThat(queries).as("per-check status timeline")
      .anyMatch(q -> q.panelType().equals("state-timeline") && q.expr().startsWith("min by (check) (health_check_status{"));
    assertThat(queries).as("failures by reason")
      .anyMatch(q -> q.expr().contains("health_check_failures_total") && PromQl.parse(q.expr()).groupingLabels().contains("reason"));
    assertThat(queries).as("check latency")
      .anyMatch(q -> q.expr().startsWith("max by (check) (health_check_duration_seconds_max{"));
    assertThat(queries).as("state changes").anyMatch(q -> q.expr().contains("health_state_changes_total"));
    assertThat(queries).as("fleet: down on every replica versus some")
      .anyMatch(q -> q.expr().contains("min by (check) (health_check_status") && q.expr().contains("max by (check) (health_check_status"));
    assertThat(queries).as("fleet: per replica")
      .anyMatch(q -> PromQl.parse(q.expr()).groupingLabels().contains("instance"));
  }

  @Test
  void isAGrafana10DashboardWithADatasourceVariableAndFilters() {
    JsonObject json = dashboard.json;
    assertThat(json.getInteger("schemaVersion")).as("Grafana 10.0 writes 38").isGreaterThanOrEqualTo(38);
    assertThat(json.getString("uid")).isEqualTo("health-service");
    assertThat(json.getValue("id")).as("no instance-specific id, so it imports anywhere").isNull();
    JsonObject datasource = dashboard.templating().get(0);
    assertThat(datasource.getString("name")).isEqualTo("datasource");
    assertThat(datasource.getString("type")).isEqualTo("datasource");
    assertThat(datasource.getString("query")).isEqualTo("prometheus");
    assertThat(dashboard.queryVariables()).extracting(Variable::name).containsExactly("job", "instance", "check");

    Set<Integer> ids = new HashSet<>();
    boolean[][] grid = new boolean[200][24];
    for (JsonObject panel : dashboard.panels()) {
      assertThat(ids.add(panel.getInteger("id"))).as("unique id " + panel.getInteger("id")).isTrue();
      JsonObject pos = panel.getJsonObject("gridPos");
      int x = pos.getInteger("x");
      int y = pos.getInteger("y");
      int w = pos.getInteger("w");
      int h = pos.getInteger("h");
      assertThat(x + w).as(panel.getString("title") + " fits 24 columns").isLessThanOrEqualTo(24);
      for (int row = y; row < y + h; row++) {
        for (int col = x; col < x + w; col++) {
          assertThat(grid[row][col]).as(panel.getString("title") + " overlaps another panel").isFalse();
          grid[row][col] = true;
        }
      }
      // Core React panels only: the Angular ones (graph, singlestat, table-old) are gone in Grafana 11.
      assertThat(panel.getString("type")).as(panel.getString("title"))
        .isIn("row", "stat", "table", "timeseries", "state-timeline", "status-history", "bargauge");
      if (!panel.getString("type").equals("row")) {
        assertThat(panel.getJsonObject("datasource").getString("uid")).isEqualTo("${datasource}");
        assertThat(panel.getString("description")).as(panel.getString("title")).isNotBlank();
        panel.getJsonArray("targets").forEach(t ->
          assertThat(((JsonObject) t).getJsonObject("datasource").getString("uid")).isEqualTo("${datasource}"));
      }
    }
    for (Query query : dashboard.queries()) {
      Set<String> filters = new HashSet<>();
      PromQl.parse(query.expr()).selectors().forEach(s -> s.matchers().forEach(m -> filters.add(m.label() + m.op() + m.value())));
      assertThat(filters).as(query.panel() + " follows the job and replica selection").contains("job=~$job", "instance=~$instance");
    }
  }

  @Test
  void docsShowEveryPanelWithItsQuery() throws Exception {
    String page = Files.readString(Path.of("docs/observability.md"));
    int start = page.indexOf("## Grafana dashboard and fleet alerts");
    assertThat(start).as("docs/observability.md has the dashboard's section").isNotNegative();
    String section = page.substring(start);
    for (JsonObject panel : dashboard.panels()) {
      assertThat(section).as("docs/observability.md lists panel " + panel.getString("title")).contains(panel.getString("title"));
    }
    for (Query query : dashboard.queries()) {
      assertThat(section).as("docs/observability.md shows the query of " + query.panel()).contains("\n" + query.expr() + "\n");
    }
  }
}
