package io.healthservice.kafka;

import io.healthservice.config.ConfigException;
import io.healthservice.config.ConfigLoader;
import io.healthservice.config.ServiceConfig;
import io.healthservice.spi.CheckDefinition;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an entry of {@code type: kafka} reads as, through the service's own configuration reader; URL parsing. */
class KafkaKindTest {

  private static ServiceConfig load(String entry) {
    return ConfigLoader.load(new JsonObject("{\"checks\":{\"events\":" + entry + "}}"), Map.of());
  }

  private static void rejected(String entry, String setting) {
    assertThatThrownBy(() -> load(entry))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(setting));
  }

  @Test
  void anEntryWithSaslReadsItsUserMechanismAndMinBrokers() {
    ServiceConfig config = load("{\"type\":\"kafka\",\"url\":\"kafka://alice:s3cr%40t@k1:9093,k2\","
      + "\"sasl_mechanism\":\"scram-sha-512\",\"min_brokers\":2}");
    KafkaTarget target = (KafkaTarget) config.check("events", CheckDefinition.Single.class).target();
    assertThat(target.user()).contains("alice");
    assertThat(target.saslMechanism()).contains("SCRAM-SHA-512");
    assertThat(target.minBrokers()).isEqualTo(2);
    assertThat(target.toString()).doesNotContain("s3cr");
    assertThat(config.toString()).doesNotContain("s3cr");
  }

  @Test
  void mistakesNameTheirSetting() {
    rejected("{\"type\":\"kafka\",\"url\":\"http://k1:9092\"}", "checks.events.url");
    rejected("{\"type\":\"kafka\",\"url\":\"kafka://k1:9092/topic\"}", "checks.events.url");
    rejected("{\"type\":\"kafka\",\"url\":\"kafka://k1:99999\"}", "checks.events.url");
    rejected("{\"type\":\"kafka\",\"url\":\"kafka://alice:pw@k1:9092\"}", "checks.events.sasl_mechanism");
    rejected("{\"type\":\"kafka\",\"url\":\"kafka://k1:9092\",\"sasl_mechanism\":\"PLAIN\"}", "checks.events.sasl_mechanism");
    rejected("{\"type\":\"kafka\",\"url\":\"kafka://k1:9092\",\"user\":\"alice\",\"sasl_mechanism\":\"GSSAPI\"}",
      "checks.events.sasl_mechanism");
    rejected("{\"type\":\"kafka\",\"url\":\"kafka://alice@k1:9092\",\"sasl_mechanism\":\"PLAIN\"}", "checks.events.password_file");
    rejected("{\"type\":\"kafka\",\"url\":\"kafka://k1:9092\",\"min_brokers\":0}", "checks.events.min_brokers");
  }

  @Test
  void urlsListTheirServersWithTheDefaultPort() {
    KafkaUrl url = KafkaUrl.parse("kafka+ssl://u:p@ss,w@rd@k1,k2:9093, [::1]:9094,[fd00::2]");
    assertThat(url.tls()).isTrue();
    assertThat(url.servers()).isEqualTo(List.of("k1:9092", "k2:9093", "[::1]:9094", "[fd00::2]:9092"));
    assertThat(url.user()).contains("u");
    assertThat(url.password()).contains("p@ss,w@rd");
    assertThat(KafkaUrl.parse("kafka://k1/").servers()).isEqualTo(List.of("k1:9092"));
    assertThat(KafkaUrl.parse("kafka://k1").user()).isEqualTo(Optional.empty());
    assertThatThrownBy(() -> KafkaUrl.parse("kafka://u:secret@k1,,k2")).hasMessageNotContaining("secret");
  }
}
