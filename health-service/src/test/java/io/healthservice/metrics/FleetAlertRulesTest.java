package io.healthservice.metrics;

import io.healthservice.support.Processes;
import io.healthservice.support.Processes.Result;
import io.healthservice.support.Tools;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet-wide rules of deploy/prometheus/alerts.yml ("down on every replica" versus "down on some
 * replicas only") under {@code promtool test rules}: Prometheus' own rule engine on synthetic series,
 * minutes of alert time in well under a second.
 */
class FleetAlertRulesTest {

  private static final Path TESTS = Path.of("deploy/prometheus/alerts.test.yml");
  private static final List<String> FLEET_ALERTS = List.of("DependencyDownEverywhere", "DependencyDownOnSomeReplicas");

  @Test
  void promtoolUnitTestsPass() throws Exception {
    String promtool = Tools.require("/usr/bin/promtool", "prometheus");
    Result result = Processes.run(new ProcessBuilder(promtool, "test", "rules", TESTS.toString()), 60);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS").doesNotContain("FAILED");
  }

  /** Each fleet alert is tested both ways: firing somewhere, and silent where the other one fires. */
  @Test
  @SuppressWarnings("unchecked")
  void bothFleetAlertsAreTestedFiringAndSilent() throws Exception {
    Map<String, Object> tests = new Yaml().load(Files.readString(TESTS));
    Set<String> firing = new HashSet<>();
    Set<String> silent = new HashSet<>();
    for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
      for (Map<String, Object> check : (List<Map<String, Object>>) test.get("alert_rule_test")) {
        List<Object> expected = (List<Object>) check.get("exp_alerts");
        (expected.isEmpty() ? silent : firing).add((String) check.get("alertname"));
      }
    }
    assertThat(firing).containsAll(FLEET_ALERTS);
    assertThat(silent).containsAll(FLEET_ALERTS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void fleetRulesLiveInTheirOwnGroup() throws Exception {
    Map<String, Object> alerts = new Yaml().load(Files.readString(Path.of("deploy/prometheus/alerts.yml")));
    Map<String, Object> fleet = ((List<Map<String, Object>>) alerts.get("groups")).stream()
      .filter(g -> "health-service-fleet".equals(g.get("name"))).findFirst().orElseThrow();
    assertThat(((List<Map<String, Object>>) fleet.get("rules")).stream().map(r -> r.get("alert")))
      .containsExactlyElementsOf(FLEET_ALERTS);
  }
}
