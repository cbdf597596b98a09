package io.healthservice.config;

import io.healthservice.notify.AlertmanagerSettings;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code notifications.alertmanager}: every key, the environment, and each mistake named by its key. */
class AlertmanagerConfigTest {

  private static final String TOKEN = "am-t0ken-config-0001";

  private static Optional<AlertmanagerSettings> load(String alertmanager, Map<String, String> env) {
    return ConfigLoader.load(new JsonObject("{\"notifications\":{\"alertmanager\":" + alertmanager + "}}"), env)
      .notifications().alertmanager();
  }

  @Test
  void noChannelByDefault() {
    assertThat(ConfigLoader.load(new JsonObject(), Map.of()).notifications().alertmanager()).isEmpty();
  }

  @Test
  void everyKeyIsRead(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
    Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
    AlertmanagerSettings am = load("{\"urls\":[\"https://am-0:9093\",\"https://am-1:9093\"],\"labels\":{\"env\":\"prod\","
      + "\"team\":\"chat\"},\"instance\":\"pod-7\",\"status_url\":\"https://health.example.com/status\","
      + "\"bearer_token_file\":\"" + token + "\",\"ca_file\":\"" + ca + "\",\"repost_interval\":\"30s\","
      + "\"timeout\":\"2s\",\"initial_backoff\":\"500ms\",\"max_backoff\":\"10s\"}", Map.of()).orElseThrow();
    assertThat(am).isEqualTo(new AlertmanagerSettings(List.of("https://am-0:9093", "https://am-1:9093"),
      Map.of("env", "prod", "team", "chat"), "pod-7", "https://health.example.com/status",
      Optional.of("Bearer " + TOKEN), Optional.of(ca.toString()), Duration.ofSeconds(30), Duration.ofSeconds(2),
      Duration.ofMillis(500), Duration.ofSeconds(10)));
    assertThat(am.toString()).doesNotContain(TOKEN);
    assertThat(ConfigLoader.load(new JsonObject("{\"notifications\":{\"alertmanager\":{\"urls\":[\"https://am:9093\"],"
      + "\"bearer_token\":\"" + TOKEN + "\"}}}"), Map.of()).toString()).doesNotContain(TOKEN);
  }

  @Test
  void urlsFromTheEnvironmentCommaSeparatedAndTheInstanceFromHostname() {
    AlertmanagerSettings am = load("{}", Map.of("HEALTH_ALERTMANAGER_URLS", "http://am-0:9093, http://am-1:9093",
      "HOSTNAME", "chat-7d9f-x2k")).orElseThrow();
    assertThat(am.urls()).containsExactly("http://am-0:9093", "http://am-1:9093");
    assertThat(am.instance()).isEqualTo("chat-7d9f-x2k");
    assertThat(am.repostInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(am.authorization()).isEmpty();
  }

  @Test
  void basicAuthFromAPasswordFile(@TempDir Path dir) throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "hunter2-secret\n");
    AlertmanagerSettings am = load("{\"urls\":\"https://am:9093\",\"basic_auth\":{\"username\":\"health\","
      + "\"password_file\":\"" + password + "\"}}", Map.of()).orElseThrow();
    assertThat(am.authorization()).contains("Basic " + Base64.getEncoder().encodeToString("health:hunter2-secret".getBytes()));
    assertThat(am.toString()).doesNotContain("hunter2").doesNotContain(am.authorization().get());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"urls\":[]}|notifications.alertmanager.urls",
    "{\"urls\":[1]}|notifications.alertmanager.urls",
    "{\"urls\":\"ftp://am:9093\"}|notifications.alertmanager.urls",
    "{\"urls\":\"http://\"}|notifications.alertmanager.urls",
    "{\"labels\":{\"env\":\"prod\"}}|notifications.alertmanager.urls",
    "{\"urls\":\"http://am:9093\",\"bearer_token\":\"" + TOKEN + "\"}|notifications.alertmanager.urls",
    "{\"urls\":\"http://am:9093\",\"labels\":[\"env\"]}|notifications.alertmanager.labels",
    "{\"urls\":\"http://am:9093\",\"labels\":{\"severity\":\"low\"}}|notifications.alertmanager.labels.severity",
    "{\"urls\":\"http://am:9093\",\"labels\":{\"bad-name\":\"x\"}}|notifications.alertmanager.labels.bad-name",
    "{\"urls\":\"http://am:9093\",\"labels\":{\"env\":\"\"}}|notifications.alertmanager.labels.env",
    "{\"urls\":\"http://am:9093\",\"repost_interval\":\"0\"}|notifications.alertmanager.repost_interval",
    "{\"urls\":\"http://am:9093\",\"timeout\":\"soon\"}|notifications.alertmanager.timeout",
    "{\"urls\":\"http://am:9093\",\"initial_backoff\":\"5s\",\"max_backoff\":\"1s\"}|notifications.alertmanager.max_backoff",
    "{\"urls\":\"http://am:9093\",\"ca_file\":\"/nonexistent/ca.pem\"}|notifications.alertmanager.ca_file",
    "{\"urls\":\"http://am:9093\",\"bearer_token_file\":\"/nonexistent/token\"}|notifications.alertmanager.bearer_token_file",
    "{\"urls\":\"https://am:9093\",\"bearer_token\":\"t\",\"basic_auth\":{\"username\":\"u\",\"password\":\"p\"}}|notifications.alertmanager.basic_auth",
    "{\"urls\":\"https://am:9093\",\"basic_auth\":{\"username\":\"u\"}}|notifications.alertmanager.basic_auth.password",
    "{\"urls\":\"https://am:9093\",\"basic_auth\":{\"user\":\"u\"}}|notifications.alertmanager.basic_auth.user",
    "{\"urls\":\"https://am:9093\",\"status_url\":\"status\"}|notifications.alertmanager.status_url",
    "{\"urls\":\"https://am:9093\",\"repost\":\"1m\"}|notifications.alertmanager.repost",
  })
  void eachMistakeNamesItsKeyAndNoSecret(String section, String setting) {
    assertThatThrownBy(() -> load(section, Map.of()))
      .isInstanceOf(ConfigException.class)
      .hasMessageStartingWith(setting + ":")
      .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void aCredentialOverPlainHttpOnlyToThisMachineAndEnvironmentMistakesNameTheVariable() {
    assertThatThrownBy(() -> load("{\"urls\":\"http://am.example.com:9093\",\"bearer_token\":\"" + TOKEN + "\"}", Map.of()))
      .hasMessageStartingWith("notifications.alertmanager.urls:").hasMessageNotContaining(TOKEN);
    assertThat(load("{\"urls\":\"http://127.0.0.1:9093\",\"bearer_token\":\"" + TOKEN + "\"}", Map.of())).isPresent();
    assertThatThrownBy(() -> load("{}", Map.of("HEALTH_ALERTMANAGER_URLS", "am:9093")))
      .hasMessageStartingWith("HEALTH_ALERTMANAGER_URLS:");
    assertThatThrownBy(() -> load("{}", Map.of("HEALTH_ALERTMANAGER_URLS", "https://am:9093",
      "HEALTH_ALERTMANAGER_BEARER_TOKEN_FILE", "/nonexistent/token")))
      .hasMessageStartingWith("HEALTH_ALERTMANAGER_BEARER_TOKEN_FILE:");
  }
}
