package io.healthservice.notify;

import io.healthservice.support.AlertmanagerProcess;
import io.healthservice.support.Exec;
import io.healthservice.support.Tools;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/alertmanager/alertmanager.yml: amtool accepts it, and it says what docs/notifications.md ("Fleets: Alertmanager") promises. */
class AlertmanagerShippedConfigTest {

  private static final Path SHIPPED = Path.of("deploy/alertmanager/alertmanager.yml");

  @Test
  void amtoolAcceptsTheShippedConfig() throws Exception {
    Tools.require(AlertmanagerProcess.AMTOOL, "prometheus-alertmanager");
    Exec.Result check = AlertmanagerProcess.checkConfig(SHIPPED);
    assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
    String text = Files.readString(SHIPPED);
    assertThat(text).contains("group_by: [service, check]").contains("time_intervals:")
      .contains("alertname=\"DependencyDownEverywhere\"")
      // Maintenance windows (docs/maintenance.md): the marker inhibits the check's alert and is itself sent nowhere.
      .contains("source_matchers: ['alertname=\"MaintenanceWindow\"']").contains("equal: [service, check]")
      .contains("receiver: quiet");
    // The inhibiting alert is the one our Prometheus rules really define.
    assertThat(Files.readString(Path.of("deploy/prometheus/alerts.yml"))).contains("alert: DependencyDownEverywhere");
  }
}
