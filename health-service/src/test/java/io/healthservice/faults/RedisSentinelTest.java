package io.healthservice.faults;

import io.healthservice.support.Ports;
import io.healthservice.support.RedisProcess;
import io.healthservice.support.RedisSentinelSetup;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mode: sentinel} against real sentinels watching a real master and replica. */
class RedisSentinelTest extends ServiceTest {

  private RedisSentinelSetup sentinel;

  @BeforeEach
  void configure() throws Exception {
    sentinel = RedisSentinelSetup.start();
    fixture.config.put("details", "always");
    fixture.check("llm_services").remove("endpoints");
    fixture.check("redis").put("mode", "sentinel").put("master_name", RedisSentinelSetup.MASTER_NAME)
      // A sentinel that is gone must not matter while another answers.
      .put("url", "redis://127.0.0.1:" + Ports.free() + "," + sentinel.sentinelUrls());
  }

  @AfterEach
  void stopSentinels() {
    sentinel.close();
  }

  @Test
  void followsTheMasterThroughAFailover() throws Exception {
    service = fixture.start();
    assertThat(service.awaitDependency("redis", "ok", Duration.ofSeconds(5)).status()).isEqualTo(200);
    RedisProcess former = sentinel.currentMaster();
    sentinel.failover();
    // The former master is now a replica; stopping it must not matter: the check pings the new master.
    former.pause();
    try {
      // Only results completed after the pause count: several of them, all ok.
      java.time.Instant paused = java.time.Instant.now();
      Probe later = service.await("/health?verbose", p -> java.time.Instant.parse(redisDetails(p).getString("last_checked")).isAfter(paused)
        && redisDetails(p).getInteger("consecutive_successes") >= 3, Duration.ofSeconds(5), 1000);
      assertThat(later.dependency("redis")).isEqualTo("ok");
      assertThat(service.reason("redis")).isNull();
    } finally {
      former.resume();
    }
  }

  private static io.vertx.core.json.JsonObject redisDetails(Probe probe) {
    return probe.json().getJsonObject("details").getJsonObject("redis");
  }

  @Test
  void aFreshConnectionEveryRunStillAsksBothPingAndRole() throws Exception {
    // max_connection_age 0: the run's PING and ROLE share the run's one connection, closed afterwards.
    fixture.check("redis").put("max_connection_age", "0");
    service = fixture.start();
    Probe probe = service.await("/health?verbose", p -> redisDetails(p).getInteger("consecutive_successes") >= 3,
      Duration.ofSeconds(5), 1000);
    assertThat(probe.dependency("redis")).isEqualTo("ok");
  }

  @Test
  void aStoppedMasterIsDownUntilTheSentinelsFailOver() throws Exception {
    service = fixture.start();
    service.awaitDependency("redis", "ok", Duration.ofSeconds(5));
    RedisProcess master = sentinel.currentMaster();
    master.pause();
    try {
      Probe down = service.awaitDependency("redis", "error", Duration.ofSeconds(3));
      assertThat(down.status()).isEqualTo(503);
      assertThat(service.reason("redis")).startsWith("127.0.0.1:" + master.port() + ": no reply within");
      // down-after 1 s, then the sentinels promote the replica: the check follows on its own.
      assertThat(service.awaitDependency("redis", "ok", Duration.ofSeconds(20)).status()).isEqualTo(200);
      assertThat(sentinel.currentMasterPort()).isNotEqualTo(master.port());
    } finally {
      master.resume();
    }
  }

  @Test
  void noSentinelReachableIsAnErrorNamingThem() throws Exception {
    int gone = Ports.free();
    fixture.check("redis").put("url", "redis://127.0.0.1:" + gone);
    service = fixture.start();
    service.awaitDependency("redis", "error", Duration.ofSeconds(5));
    assertThat(service.reason("redis")).isEqualTo("no sentinel answered: 127.0.0.1:" + gone + ": connection refused");
  }

  @Test
  void stoppedSentinelsAreReportedWithinTheTimeout() throws Exception {
    fixture.check("redis").put("url", sentinel.sentinelUrls());
    sentinel.sentinels().forEach(RedisProcess::pause);
    try {
      service = fixture.start();
      Probe down = service.awaitDependency("redis", "error", Duration.ofSeconds(3));
      assertThat(down.status()).isEqualTo(503);
      assertThat(service.reason("redis")).startsWith("no sentinel answered: ").contains("no reply within");
    } finally {
      sentinel.sentinels().forEach(RedisProcess::resume);
    }
  }

  @Test
  void anUnknownMasterNameIsAnError() throws Exception {
    fixture.check("redis").put("master_name", "not-monitored");
    service = fixture.start();
    service.awaitDependency("redis", "error", Duration.ofSeconds(5));
    assertThat(service.reason("redis")).isEqualTo("master not-monitored is unknown to the sentinels");
  }
}
