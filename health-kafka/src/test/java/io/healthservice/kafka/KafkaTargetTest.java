package io.healthservice.kafka;

import io.healthservice.kit.Target;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * URLs and targets as the kind reads them. (How a whole {@code checks:} entry reads is health-config's test to
 * have: depending on health-config here would build and test half the project with {@code -am}.)
 */
class KafkaTargetTest {

  @Test
  void urlsListTheirServersWithTheDefaultPort() {
    KafkaUrl url = KafkaUrl.parse("kafka+ssl://u:p@ss,w@rd@k1,k2:9093, [::1]:9094,[fd00::2]");
    assertThat(url.tls()).isTrue();
    assertThat(url.servers()).isEqualTo(List.of("k1:9092", "k2:9093", "[::1]:9094", "[fd00::2]:9092"));
    assertThat(url.user()).contains("u");
    assertThat(url.password()).contains("p@ss,w@rd");
    assertThat(KafkaUrl.parse("kafka://k1/").servers()).isEqualTo(List.of("k1:9092"));
    assertThat(KafkaUrl.parse("KAFKA://k1").tls()).isFalse();
    assertThat(KafkaUrl.parse("kafka://k1").user()).isEqualTo(Optional.empty());
  }

  @Test
  void badUrlsAreRejectedWithoutShowingThem() {
    for (String bad : List.of("http://u:secret@k1:9092", "kafka://u:secret@k1,,k2", "kafka://u:secret@k1:9092/topic",
      "kafka://u:secret@k1:99999", "kafka://u:secret@k1:x", "kafka://u:secret@[::1", "u:secret@k1:9092")) {
      assertThatThrownBy(() -> KafkaUrl.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("secret");
    }
  }

  @Test
  void aTargetTakesAMechanismWithAUserAndPrintsNoPassword() {
    KafkaTarget target = new KafkaTarget(new Target("kafka://alice:s3cret@k1:9092", Optional.of("f1le-pw"),
      Optional.empty()), Optional.of("alice"), Optional.of("scram-sha-512"), 2);
    assertThat(target.saslMechanism()).contains("SCRAM-SHA-512");
    assertThat(target.toString()).doesNotContain("s3cret").doesNotContain("f1le-pw").contains("minBrokers=2");
    Target plain = Target.of("kafka://k1:9092");
    assertThatThrownBy(() -> new KafkaTarget(plain, Optional.of("alice"), Optional.empty(), 1))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KafkaTarget(plain, Optional.empty(), Optional.of("PLAIN"), 1))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KafkaTarget(plain, Optional.of("alice"), Optional.of("GSSAPI"), 1))
      .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KafkaTarget(plain, Optional.empty(), Optional.empty(), 0))
      .isInstanceOf(IllegalArgumentException.class);
  }
}
