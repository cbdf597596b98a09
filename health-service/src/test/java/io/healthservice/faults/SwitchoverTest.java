package io.healthservice.faults;

import io.healthservice.support.PrivatePostgres;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A switchover as operators do it, against a primary and its streaming standby of the test's own: the
 * service, given both hosts with {@code target_session_attrs=read-write}, is ok on the primary, down naming
 * the attribute and each host once the primary stops, and ok again on the promoted standby within an
 * interval (plus the run's timeout) without a restart. Every probe answers within 1 s throughout.
 */
class SwitchoverTest extends ServiceTest {

  /** Fixture.fast(): runs every 200 ms with a 500 ms budget. */
  private static final long INTERVAL_MS = 200;
  private static final long TIMEOUT_MS = 500;
  /** For the probe loop's 50 ms pause and a probe's own time on a busy machine. */
  private static final long SLACK_MS = 500;

  @BeforeEach
  void configure() {
    fixture.config.put("details", "always");
    fixture.check("llm_services").remove("endpoints");
  }

  @Test
  void readWriteFollowsThePromotedStandbyWithoutARestart() throws Exception {
    try (PrivatePostgres primary = PrivatePostgres.start(); PrivatePostgres standby = PrivatePostgres.standbyOf(primary)) {
      String hosts = "127.0.0.1:" + primary.port() + ",127.0.0.1:" + standby.port();
      fixture.check("database").put("url", "postgresql://postgres:" + PrivatePostgres.PASSWORD + "@" + hosts
        + "/postgres?target_session_attrs=read-write");
      service = fixture.start();
      service.await("/health", p -> "ok".equals(p.dependency("database")), Duration.ofSeconds(10), 1000);
      assertThat(inUse(service.get("/health?verbose"))).as("?verbose shows the host in use")
        .isEqualTo("127.0.0.1:" + primary.port());

      long stopping = System.nanoTime();
      primary.stopFast();
      long stopped = System.nanoTime();
      String expected = "no host is read-write: 127.0.0.1:" + primary.port() + " refused, 127.0.0.1:" + standby.port() + " standby";
      Probe down = service.await("/health?verbose", p -> expected.equals(reason(p)), Duration.ofSeconds(5), 1000);
      long downMs = (System.nanoTime() - stopped) / 1_000_000;
      assertThat(down.status()).isEqualTo(503);
      assertThat(down.json().getString("status")).isEqualTo("error");
      assertThat(down.body()).doesNotContain(PrivatePostgres.PASSWORD);

      long promoting = System.nanoTime();
      standby.promote();
      long promoted = System.nanoTime();
      Probe up = service.await("/health", p -> "ok".equals(p.dependency("database")), Duration.ofSeconds(5), 1000);
      long upMs = (System.nanoTime() - promoted) / 1_000_000;
      assertThat(up.status()).isEqualTo(200);
      assertThat(inUse(service.await("/health?verbose", p -> inUse(p) != null, Duration.ofSeconds(5), 1000)))
        .as("the promoted standby is the host in use").isEqualTo("127.0.0.1:" + standby.port());
      assertThat(service.get("/health?verbose").body()).doesNotContain(PrivatePostgres.PASSWORD);
      System.out.printf("switchover: pg_ctl stop -m fast took %d ms, then down with the named reason after %d ms;"
          + " pg_ctl promote took %d ms, then ok after %d ms%n", (stopped - stopping) / 1_000_000, downMs,
        (promoted - promoting) / 1_000_000, upMs);
      assertThat(downMs).isLessThanOrEqualTo(2 * INTERVAL_MS + TIMEOUT_MS + SLACK_MS);
      assertThat(upMs).isLessThanOrEqualTo(INTERVAL_MS + TIMEOUT_MS + SLACK_MS);
      service.close();
      service = null;
    }
  }

  private static String inUse(Probe probe) {
    JsonObject details = probe.json().getJsonObject("details");
    JsonObject database = details == null ? null : details.getJsonObject("database");
    return database == null ? null : database.getString("in_use");
  }

  private static String reason(Probe probe) {
    JsonObject details = probe.json().getJsonObject("details");
    JsonObject database = details == null ? null : details.getJsonObject("database");
    return database == null ? null : database.getString("reason");
  }
}
