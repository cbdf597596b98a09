package io.healthservice.faults;

import io.healthservice.support.RedisProcess;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code checks.redis.expect_writable} through the service, against a real replica: without it the replica
 * is up with a warning (verbose, health+json {@code warn}, the {@code health_check_warning} gauge); with
 * it, down with the same words.
 */
class RedisWritableTest extends ServiceTest {

  private static final String REPLICA = "replica: writes refused (role slave)";

  private RedisProcess master;
  private RedisProcess replica;

  @BeforeEach
  void configure() throws Exception {
    master = RedisProcess.start();
    replica = RedisProcess.start("--replicaof", "127.0.0.1", String.valueOf(master.port()));
    fixture.config.put("details", "always");
    fixture.check("llm_services").remove("endpoints");
    fixture.check("redis").put("url", replica.url()).put("timeout", "2s");
  }

  @AfterEach
  void stopServers() {
    try {
      replica.close();
    } finally {
      master.close();
    }
  }

  @Test
  void withoutExpectWritableAReplicaIsUpWithAWarning() throws Exception {
    service = fixture.start();
    Probe warned = service.await("/health?verbose", p -> {
      JsonArray warnings = p.json().getJsonObject("details").getJsonObject("redis").getJsonArray("warnings");
      return warnings != null && warnings.contains(REPLICA);
    }, Duration.ofSeconds(15), 1000);
    assertThat(warned.status()).isEqualTo(200);
    assertThat(warned.dependency("redis")).isEqualTo("ok");
    assertThat(service.get("/health?verbose", "Accept", "application/health+json").body())
      .contains("\"status\":\"warn\"").contains(REPLICA);
    assertThat(service.get("/metrics").body()).contains("health_check_warning{check=\"redis\",warning=\"replica\"} 1.0");
  }

  @Test
  void withExpectWritableAReplicaIsDown() throws Exception {
    fixture.check("redis").put("expect_writable", true);
    service = fixture.start();
    Probe down = service.awaitDependency("redis", "error", Duration.ofSeconds(15));
    assertThat(down.status()).isEqualTo(503);
    assertThat(service.reason("redis")).isEqualTo(REPLICA);
  }
}
