package io.healthservice.faults;

import io.healthservice.support.RedisProcess;
import io.healthservice.support.RedisSentinelSetup;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three real sentinels, two of them stopped: the one left cannot authorize a fail-over (CKQUORUM says
 * NOQUORUM), while the master still serves. The check stays up and warns, in verbose, health+json and the
 * {@code health_check_warning{warning="sentinel_quorum"}} gauge; the warning goes once they are back.
 */
class RedisSentinelQuorumTest extends ServiceTest {

  private static final String[] HEALTH_JSON = {"Accept", "application/health+json"};

  private RedisSentinelSetup sentinel;

  @BeforeEach
  void configure() throws Exception {
    sentinel = RedisSentinelSetup.start(3);
    fixture.config.put("details", "always");
    fixture.check("llm_services").remove("endpoints");
    // Sentinels answer within the budget on a loaded machine; probes stay fast regardless.
    fixture.check("redis").put("mode", "sentinel").put("master_name", RedisSentinelSetup.MASTER_NAME)
      .put("timeout", "2s").put("url", sentinel.sentinelUrls());
  }

  @AfterEach
  void stopSentinels() {
    sentinel.close();
  }

  private static JsonObject redis(Probe probe) {
    return probe.json().getJsonObject("details").getJsonObject("redis");
  }

  private static List<Object> warnings(Probe probe) {
    JsonArray warnings = redis(probe).getJsonArray("warnings");
    return warnings == null ? List.of() : warnings.getList();
  }

  @Test
  void twoOfThreeSentinelsStoppedIsAWarningWhileTheMasterServes() throws Exception {
    service = fixture.start();
    Probe ok = service.await("/health?verbose", p -> "ok".equals(p.dependency("redis")), Duration.ofSeconds(15), 1000);
    assertThat(warnings(ok)).isEmpty();
    RedisProcess left = sentinel.sentinels().get(0);
    List<RedisProcess> stopped = sentinel.sentinels().subList(1, 3);
    stopped.forEach(RedisProcess::pause);
    try {
      // The one left marks them down after down-after-milliseconds (1 s); the check asks it only if it
      // answers first, and only it answers now.
      String expected = "sentinel quorum: failover not possible (NOQUORUM from 127.0.0.1:" + left.port() + ")";
      Probe warned = service.await("/health?verbose", p -> warnings(p).contains(expected), Duration.ofSeconds(20), 1000);
      assertThat(warned.status()).isEqualTo(200);
      assertThat(warned.dependency("redis")).as("the master still serves").isEqualTo("ok");
      assertThat(left.cli("SENTINEL", "CKQUORUM", RedisSentinelSetup.MASTER_NAME)).startsWith("NOQUORUM");
      Probe draft = service.get("/health?verbose", HEALTH_JSON);
      assertThat(draft.body()).contains("\"status\":\"warn\"").contains(expected);
      assertThat(service.get("/metrics").body())
        .contains("health_check_warning{check=\"redis\",warning=\"sentinel_quorum\"} 1.0");
    } finally {
      stopped.forEach(RedisProcess::resume);
    }
    Probe back = service.await("/health?verbose", p -> "ok".equals(p.dependency("redis")) && warnings(p).isEmpty(),
      Duration.ofSeconds(30), 1000);
    assertThat(back.status()).isEqualTo(200);
    assertThat(service.get("/metrics").body())
      .contains("health_check_warning{check=\"redis\",warning=\"sentinel_quorum\"} 0.0");
  }
}
