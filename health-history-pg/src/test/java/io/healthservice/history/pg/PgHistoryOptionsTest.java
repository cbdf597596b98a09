package io.healthservice.history.pg;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PgHistoryOptionsTest {

  @Test
  void theDefaults() {
    PgHistoryOptions o = PgHistoryOptions.of("postgresql://u:p@db:5432/health", "chat", "pod-1");
    assertThat(o.flushInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.fleetRefresh()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.longRefresh()).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.liveWindow()).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.bufferCapacity()).isEqualTo(200_000);
    assertThat(o.maxRowsPerFlush()).isEqualTo(20_000);
    assertThat(o.retentionDays()).isEqualTo(90);
    assertThat(o.minutesKept()).isEqualTo(Duration.ofHours(48));
    assertThat(o.queryTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.housekeeping()).isEqualTo(Duration.ofMinutes(10));
    assertThat(PgHistoryOptions.defaultInstance()).isNotBlank();
  }

  @Test
  void thePasswordIsNeverShown() {
    PgHistoryOptions o = PgHistoryOptions.of("postgresql://health:s3cr%40t@db.internal:5432/health?sslmode=require", "chat", "pod-1");
    assertThat(o.toString()).doesNotContain("s3cr").contains("postgresql://health:***@db.internal:5432/health?sslmode=require");
    assertThat(PgHistoryOptions.of("postgresql://db/health?user=u&password=hunter2", "chat", "pod-1").safeUrl())
      .doesNotContain("hunter2");
    assertThat(PgHistoryOptions.of("postgresql://health:p@ss/w0rd@db/health", "chat", "pod-1").safeUrl())
      .as("an unencoded @ or / in the password").doesNotContain("p@ss").doesNotContain("w0rd");
  }

  @Test
  void aBadUrlIsRefusedWithoutQuotingIt() {
    assertThatThrownBy(() -> PgHistoryOptions.of("mysql://u:hunter2@db/x", "chat", "pod-1"))
      .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("hunter2");
    Vertx vertx = Vertx.vertx();
    try {
      assertThatThrownBy(() -> PgHistoryStore.create(vertx, PgHistoryOptions.of("postgresql://u:hunter2@db:99999999/x", "chat", "p")))
        .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("hunter2");
    } finally {
      vertx.close();
    }
  }
}
