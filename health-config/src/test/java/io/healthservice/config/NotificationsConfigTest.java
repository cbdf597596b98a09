package io.healthservice.config;

import io.healthservice.notify.Channel;
import io.healthservice.notify.NotifySettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code notifications} section: defaults, channels from the file and the environment, fail-fast errors. */
class NotificationsConfigTest {

  private static final String SLACK = "https://hooks.slack.com/services/T000/B000/slacksecrettoken";
  private static final String KEY = "R0UT1NGKEY0000000000000000000000";

  private static ServiceConfig load(String json, Map<String, String> env) {
    return ConfigLoader.load(new JsonObject(json), env);
  }

  @Test
  void noChannelByDefaultAndTheDefaultsOfTheReadme() {
    NotificationOptions options = load("{}", Map.of()).notifications();
    assertThat(options.channels()).isEmpty();
    assertThat(options.settings()).isEqualTo(NotifySettings.defaults());
    assertThat(options.settings()).isEqualTo(new NotifySettings(Duration.ofSeconds(30), Duration.ZERO, true, 100, 5,
      Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5)));
  }

  @Test
  void theShippedConfigFileStatesTheDefaults() throws Exception {
    io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
    try {
      ServiceConfig config = ConfigReader.read(vertx, Map.of("HEALTH_CONFIG", "conf/config.yaml"))
        .await(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(config.notifications().settings()).isEqualTo(NotifySettings.defaults());
      assertThat(config.notifications().channels()).isEmpty();
    } finally {
      vertx.close().await(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void everyKeyIsRead() {
    NotificationOptions options = load("{\"notifications\":{\"min_interval\":\"2s\",\"reminder_interval\":\"10m\","
      + "\"send_resolved\":false,\"queue_size\":7,\"max_attempts\":3,\"timeout\":\"800ms\",\"initial_backoff\":\"200ms\","
      + "\"max_backoff\":\"4s\",\"max_retry_after\":\"30s\",\"webhook\":\"https://hooks.example.com/health\","
      + "\"slack\":{\"url\":\"" + SLACK + "\"},\"pagerduty\":{\"routing_key\":\"" + KEY + "\","
      + "\"url\":\"http://127.0.0.1:9/v2/enqueue\"}}}", Map.of()).notifications();
    assertThat(options.settings()).isEqualTo(new NotifySettings(Duration.ofSeconds(2), Duration.ofMinutes(10), false, 7,
      3, Duration.ofMillis(800), Duration.ofMillis(200), Duration.ofSeconds(4), Duration.ofSeconds(30)));
    assertThat(options.channels()).containsExactly(Channel.webhook("https://hooks.example.com/health"),
      Channel.slack(SLACK), Channel.pagerDuty("http://127.0.0.1:9/v2/enqueue", KEY));
  }

  @Test
  void channelsFromTheEnvironmentAndFiles(@TempDir Path dir) throws Exception {
    Path slackFile = dir.resolve("slack-url");
    Files.writeString(slackFile, SLACK + "\n");
    Path keyFile = dir.resolve("pd-key");
    Files.writeString(keyFile, KEY + "\n");
    NotificationOptions options = load("{}", Map.of("HEALTH_WEBHOOK_URL", "https://hooks.example.com/env",
      "HEALTH_SLACK_WEBHOOK_URL_FILE", slackFile.toString(), "HEALTH_PAGERDUTY_ROUTING_KEY_FILE", keyFile.toString()))
      .notifications();
    assertThat(options.channels()).containsExactly(Channel.webhook("https://hooks.example.com/env"),
      Channel.slack(SLACK), Channel.pagerDuty(Channel.PAGERDUTY_EVENTS_URL, KEY));

    NotificationOptions fromFileKey = load("{\"notifications\":{\"slack\":{\"url_file\":\"" + slackFile + "\"}}}",
      Map.of()).notifications();
    assertThat(fromFileKey.channels()).containsExactly(Channel.slack(SLACK));
  }

  @Test
  void theSummaryLineShowsNoSecret() {
    ServiceConfig config = load("{}", Map.of("HEALTH_SLACK_WEBHOOK_URL", SLACK, "HEALTH_PAGERDUTY_ROUTING_KEY", KEY));
    assertThat(config.toString()).contains("notifications=[Channel[slack], Channel[pagerduty]]")
      .doesNotContain("slacksecrettoken").doesNotContain(KEY);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
    "{\"notifications\":{\"min_interval\":\"soon\"}}                     | notifications.min_interval: must be a duration",
    "{\"notifications\":{\"queue_size\":0}}                              | notifications.queue_size: must be between 1 and 10000",
    "{\"notifications\":{\"max_attempts\":99}}                           | notifications.max_attempts: must be between 1 and 20",
    "{\"notifications\":{\"timeout\":\"0\"}}                             | notifications.timeout: must be greater than zero",
    "{\"notifications\":{\"initial_backoff\":\"5s\",\"max_backoff\":\"1s\"}} | notifications.max_backoff: must be at least initial_backoff",
    "{\"notifications\":{\"send_resolved\":\"maybe\"}}                   | notifications.send_resolved: must be true or false",
    "{\"notifications\":{\"teams\":{}}}                                  | notifications.teams: unknown setting",
    "{\"notifications\":{\"slack\":{\"token\":\"x\"}}}                   | notifications.slack.token: unknown setting",
    "{\"notifications\":{\"webhook\":\"ftp://hooks.example.com/secretpath\"}} | notifications.webhook.url: must start with https://",
    "{\"notifications\":{\"slack\":{\"url\":\"https:///secretpath\"}}}   | notifications.slack.url: has no valid host",
    "{\"notifications\":{\"pagerduty\":{\"url\":\"http://127.0.0.1:9/x\"}}} | notifications.pagerduty.routing_key: is required",
    "{\"notifications\":{\"pagerduty\":{\"routing_key\":\"k\",\"url\":\"mailto:secretpath\"}}} | notifications.pagerduty.url: must start with https://",
    "{\"notifications\":{\"slack\":{\"url\":\"http://hooks.slack.com/services/secretpath\"}}} | notifications.slack.url: must start with https:// (plain http only to localhost",
    "{\"notifications\":{\"pagerduty\":{\"routing_key\":\"k\",\"url\":\"http://events.example.com/secretpath\"}}} | notifications.pagerduty.url: must start with https:// (plain",
    "{\"notifications\":{\"slack\":\"http://127.hooks.example.com/secretpath\"}}         | notifications.slack.url: must start with https:// (plain",
  })
  void invalidValuesFailNamingTheKeyAndNeverTheUrl(String json, String message) {
    assertThatThrownBy(() -> load(json, Map.of())).isInstanceOf(ConfigException.class)
      .hasMessageStartingWith(message.trim()).message().doesNotContain("secretpath");
  }

  @Test
  void plainHttpOnlyWhereNoCredentialLeavesTheMachineOrForTheGenericWebhook() {
    NotificationOptions options = load("{\"notifications\":{\"webhook\":\"http://alert-router.monitoring.svc:8080/hook\","
      + "\"slack\":{\"url\":\"http://localhost:8081/relay\"},\"pagerduty\":{\"routing_key\":\"k\","
      + "\"url\":\"http://[::1]:9/v2/enqueue\"}}}", Map.of()).notifications();
    assertThat(load("{\"notifications\":{\"slack\":\"http://127.0.0.53:8081/relay\"}}", Map.of()).notifications()
      .channels()).containsExactly(Channel.slack("http://127.0.0.53:8081/relay"));
    assertThat(options.channels()).containsExactly(Channel.webhook("http://alert-router.monitoring.svc:8080/hook"),
      Channel.slack("http://localhost:8081/relay"), Channel.pagerDuty("http://[::1]:9/v2/enqueue", "k"));
    assertThatThrownBy(() -> load("{}", Map.of("HEALTH_SLACK_WEBHOOK_URL", "http://10.0.0.7/services/secretpath")))
      .hasMessageStartingWith("HEALTH_SLACK_WEBHOOK_URL: must start with https://").message().doesNotContain("secretpath");
  }

  @Test
  void anInvalidUrlFromTheEnvironmentNamesTheVariable() {
    assertThatThrownBy(() -> load("{}", Map.of("HEALTH_WEBHOOK_URL", "hooks.example.com/secretpath")))
      .isInstanceOf(ConfigException.class)
      .hasMessageStartingWith("HEALTH_WEBHOOK_URL: must start with https://").message().doesNotContain("secretpath");
    assertThatThrownBy(() -> load("{}", Map.of("HEALTH_PAGERDUTY_ROUTING_KEY", KEY,
      "HEALTH_PAGERDUTY_ROUTING_KEY_FILE", "/nonexistent")))
      .hasMessageStartingWith("HEALTH_PAGERDUTY_ROUTING_KEY: set either");
  }
}
