package io.healthservice.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code history}: memory by default, a Postgres store in every secret form, mistakes named by their key. */
class HistoryConfigTest {

  private static final String URL = "postgresql://health:s3cret-history-pass@db.internal:5432/health";

  private static HistoryOptions load(String history, Map<String, String> env) {
    return ConfigLoader.load(new JsonObject("{\"history\":" + history + "}"), env).history();
  }

  @Test
  void memoryByDefaultWithTheHostnameAsInstance() {
    HistoryOptions history = ConfigLoader.load(new JsonObject(), Map.of("HOSTNAME", "chat-7d9f-x2k")).history();
    assertThat(history).isEqualTo(new HistoryOptions(Optional.empty(), "chat-7d9f-x2k", 90, Duration.ofSeconds(10)));
    assertThat(history.toString()).isEqualTo("history=memory instance=chat-7d9f-x2k");
  }

  @Test
  void everyKeyIsReadAndTheLogLineHidesThePassword() {
    HistoryOptions history = load("{\"store\":\"" + URL + "\",\"instance\":\"pod-3\",\"retention_days\":30,"
      + "\"flush_interval\":\"2s\"}", Map.of());
    assertThat(history).isEqualTo(new HistoryOptions(Optional.of(URL), "pod-3", 30, Duration.ofSeconds(2)));
    assertThat(history.toString()).doesNotContain("s3cret").contains("postgresql://health:***@db.internal:5432/health");
    assertThat(load("{\"store\":\"postgresql://db.internal/health?user=health&password=s3cret-q\"}", Map.of()).toString())
      .as("a password in the query string").doesNotContain("s3cret");
    assertThat(ConfigLoader.load(new JsonObject("{\"history\":{\"store\":\"" + URL + "\"}}"), Map.of()).toString())
      .doesNotContain("s3cret");
  }

  @Test
  void theStoreFromAFileOrTheEnvironment(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("history-url"), URL + "\n");
    assertThat(load("{\"store_file\":\"" + file + "\"}", Map.of()).store()).contains(URL);
    assertThat(load("{}", Map.of("HEALTH_HISTORY_STORE", URL)).store()).contains(URL);
    assertThat(load("{\"store_env\":\"PG_HISTORY\"}", Map.of("PG_HISTORY", URL)).store()).contains(URL);
  }

  @Test
  void mistakesNameTheKeyAndNeverTheUrl() {
    assertThatThrownBy(() -> load("{\"store\":\"mysql://u:s3cret-history-pass@h/db\"}", Map.of()))
      .isInstanceOf(ConfigException.class).hasMessageContaining("history.store").hasMessageContaining("postgresql://")
      .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> load("{\"store\":\"postgresql://u:s3cret-history-pass@h\"}", Map.of()))
      .hasMessageContaining("history.store").hasMessageContaining("database").hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> load("{\"store\":\"postgresql://u:s3c ret@h/db\"}", Map.of()))
      .hasMessageContaining("history.store").hasMessageNotContaining("s3c ret");
    assertThatThrownBy(() -> load("{\"retention_days\":1}", Map.of())).hasMessageContaining("history.retention_days")
      .hasMessageContaining("2-3650");
    assertThatThrownBy(() -> load("{\"instance\":\"\"}", Map.of())).hasMessageContaining("history.instance");
    assertThatThrownBy(() -> load("{\"flush_interval\":\"100ms\"}", Map.of())).hasMessageContaining("history.flush_interval");
    assertThatThrownBy(() -> load("{\"store\":\"" + URL + "\",\"store_env\":\"X\"}", Map.of("X", URL)))
      .hasMessageContaining("history.store");
    assertThatThrownBy(() -> load("{\"retention\":9}", Map.of())).hasMessageContaining("history.retention");
  }
}
