package io.healthservice.config;

import io.healthservice.maintenance.MaintenanceWindow;
import io.healthservice.maintenance.Schedule;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code maintenance} section: one-off and weekly windows from YAML, and errors that name the key. */
class MaintenanceConfigTest {

  private static List<MaintenanceWindow> load(String yaml) {
    return ConfigLoader.load(YamlText.parse(yaml, "test.yaml", "test.yaml"), Map.of()).maintenance();
  }

  @Test
  void noWindowsByDefault() {
    assertThat(ConfigLoader.load(new JsonObject(), Map.of()).maintenance()).isEmpty();
  }

  @Test
  void theIssuesExampleIsRead() {
    List<MaintenanceWindow> windows = load(String.join("\n",
      "maintenance:",
      "  windows:",
      "    - name: db-upgrade",
      "      checks: [database]",
      "      start: 2099-12-12T02:00:00+01:00",
      "      end: 2099-12-12T04:00:00+01:00",
      "    - name: weekly-patching",
      "      schedule: {days: [sun, Saturday], at: \"03:00\", duration: 1h, time_zone: Europe/Berlin}",
      "      reason: OS patches",
      ""));
    assertThat(windows).containsExactly(
      new MaintenanceWindow("db-upgrade", List.of("database"), java.util.Optional.empty(),
        new Schedule.Once(Instant.parse("2099-12-12T01:00:00Z"), Instant.parse("2099-12-12T03:00:00Z"))),
      new MaintenanceWindow("weekly-patching", List.of(), java.util.Optional.of("OS patches"),
        new Schedule.Weekly(Set.of(DayOfWeek.SUNDAY, DayOfWeek.SATURDAY), LocalTime.of(3, 0), Duration.ofHours(1),
          ZoneId.of("Europe/Berlin"))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{name: a, checks: [nosuch], start: 2099-12-12T02:00:00Z, end: 2099-12-12T03:00:00Z}|maintenance.windows[0].checks",
    "{name: a, start: 2099-12-12T02:00:00Z, end: 2099-12-12T01:00:00Z}|maintenance.windows[0].end",
    "{name: a, start: 2099-12-12T02:00:00Z, end: 2099-12-22T01:00:00Z}|maintenance.windows[0].end",
    "{name: a, start: 'tomorrow', end: 2099-12-12T01:00:00Z}|maintenance.windows[0].start",
    "{name: a, start: 2099-12-12T02:00:00Z}|maintenance.windows[0].end",
    "{name: a, schedule: {days: [sun], at: '03:00', duration: 1h, time_zone: Mars/Olympus}}|maintenance.windows[0].schedule.time_zone",
    "{name: a, schedule: {days: [sun], at: '03:00', duration: soon, time_zone: UTC}}|maintenance.windows[0].schedule.duration",
    "{name: a, schedule: {days: [sun], at: '03:00', duration: 8d, time_zone: UTC}}|maintenance.windows[0].schedule.duration",
    "{name: a, schedule: {days: [someday], at: '03:00', duration: 1h, time_zone: UTC}}|maintenance.windows[0].schedule.days",
    "{name: a, schedule: {days: [sun], at: '25:00', duration: 1h, time_zone: UTC}}|maintenance.windows[0].schedule.at",
    "{name: a, start: 2099-12-12T02:00:00Z, end: 2099-12-12T03:00:00Z, schedule: {days: [sun]}}|maintenance.windows[0].schedule",
    "{name: 'no spaces', start: 2099-12-12T02:00:00Z, end: 2099-12-12T03:00:00Z}|maintenance.windows[0].name",
    "{name: a, until: later}|maintenance.windows[0].until",
    "{name: a}|maintenance.windows[0]",
  })
  void aWrongWindowIsRefusedNamingItsKey(String window, String key) {
    assertThatThrownBy(() -> load("maintenance:\n  windows:\n    - " + window + "\n"))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(key));
  }

  @Test
  void aGroupsNameCoversItsMembers() {
    List<MaintenanceWindow> windows = load(String.join("\n",
      "checks:",
      "  llm_services:",
      "    endpoints:",
      "      - {name: openai, provider: openai, base_url: 'http://llm:8080', api_key: sk-test-1}",
      "      - {name: anthropic, provider: anthropic, base_url: 'http://llm:8080', api_key: sk-ant-test-1}",
      "maintenance:",
      "  windows:",
      "    - {name: quota, checks: [llm_services, openai], start: 2099-12-12T02:00:00Z, end: 2099-12-12T03:00:00Z}",
      ""));
    assertThat(windows.get(0).checks()).containsExactlyInAnyOrder("openai", "anthropic");
  }

  @Test
  void noCheckMayBeCalledMaintenance() {
    assertThatThrownBy(() -> load("checks:\n  maintenance: {type: redis, url: redis://cache:6379}\n"))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("checks.maintenance"));
  }

  @Test
  void twoWindowsMayNotShareAName() {
    String one = "{name: a, start: 2099-12-12T02:00:00Z, end: 2099-12-12T03:00:00Z}";
    assertThatThrownBy(() -> load("maintenance:\n  windows:\n    - " + one + "\n    - " + one + "\n"))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo("maintenance.windows[1].name"));
  }

  @Test
  void aReloadGivesTheRunningWindowsTheNewFilesAndKeepsAdHocOnes() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      String window = "maintenance:\n  windows:\n    - {name: %s, start: 2099-12-12T02:00:00Z, end: 2099-12-12T03:00:00Z}\n";
      HealthConfig first = HealthConfig.of(ConfigLoader.load(YamlText.parse(window.formatted("before"), "a", "a"), Map.of()));
      io.healthservice.maintenance.MaintenanceWindows running = first.maintenance(vertx);
      running.start(List.of(), Duration.ofMinutes(5), "drill", java.util.Optional.empty());
      HealthConfig next = HealthConfig.of(ConfigLoader.load(YamlText.parse(window.formatted("after"), "b", "b"), Map.of()));
      next.reloadBuilder(vertx, "1", first);
      assertThat(next.maintenance(vertx)).isSameAs(running);
      assertThat(running.windowFor("database", Instant.parse("2099-12-12T02:30:00Z"))).as("not before the reload succeeded")
        .contains("before");
      next.applyMaintenanceWindows();
      assertThat(running.windowFor("database", Instant.parse("2099-12-12T02:30:00Z"))).contains("after");
      assertThat(running.active(Instant.now())).extracting(w -> w.name()).containsExactly("drill");
    } finally {
      vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
