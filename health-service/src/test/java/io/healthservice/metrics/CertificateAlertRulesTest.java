package io.healthservice.metrics;

import io.healthservice.support.Processes;
import io.healthservice.support.Processes.Result;
import io.healthservice.support.Tools;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate alert of deploy/prometheus/alerts.yml, evaluated by promtool on series shaped like our
 * metric: it fires for a certificate 6 days from its end (after its 10 minutes), not for one 10 days away,
 * and not for one renewed in time. The cases are in deploy/prometheus/tests/certificates.test.yml.
 */
class CertificateAlertRulesTest {

  @Test
  void promtoolRuleTestsPass() throws Exception {
    String promtool = Tools.require("/usr/bin/promtool", "prometheus");
    Result result = Processes.run(new ProcessBuilder(promtool, "test", "rules",
      "deploy/prometheus/tests/certificates.test.yml"), 60);
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }
}
