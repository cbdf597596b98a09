package io.healthservice.metrics;

import io.healthservice.support.Processes;
import io.healthservice.support.Processes.Result;
import io.healthservice.support.Tools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts of deploy/prometheus/alerts.yml evaluated by promtool on series shaped like our metrics, one
 * file of cases per group in deploy/prometheus/tests/:
 * <ul>
 *   <li>certificates: fires for a certificate 6 days from its end (after its 10 minutes), not for one
 *   10 days away, and not for one renewed in time;</li>
 *   <li>notifications: a message given up or dropped fires at once for its channel and resolves 15
 *   minutes later; a restart's counter reset is no loss;</li>
 *   <li>warnings: a lost Sentinel quorum ({@code health_check_warning{warning="sentinel_quorum"}}) fires after
 *   its 5 minutes and resolves once the gauge is back to 0; another check's replica warning does not fire it.</li>
 *   <li>history: a replica whose history store is down for 5 minutes fires, and resolves when writes resume;
 *   records dropped from the full buffer fire for the hour after, a restart's reset does not.</li>
 * </ul>
 * (The fleet alerts have their own test, FleetAlertRulesTest.)
 */
class AlertRuleCasesTest {

  @ParameterizedTest
  @ValueSource(strings = {"certificates", "notifications", "warnings", "history"})
  void promtoolRuleTestsPass(String group) throws Exception {
    String promtool = Tools.require("/usr/bin/promtool", "prometheus");
    Result result = Processes.run(new ProcessBuilder(promtool, "test", "rules",
      "deploy/prometheus/tests/" + group + ".test.yml"), 60);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }
}
