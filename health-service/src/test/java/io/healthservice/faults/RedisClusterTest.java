package io.healthservice.faults;

import io.healthservice.support.RedisClusterSetup;
import io.healthservice.support.RedisProcess;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mode: cluster} against a real 3-master Redis Cluster (node timeout 1 s). */
class RedisClusterTest extends ServiceTest {

  private RedisClusterSetup cluster;

  @BeforeEach
  void configure() throws Exception {
    cluster = RedisClusterSetup.start();
    fixture.config.put("details", "always");
    fixture.check("llm_services").remove("endpoints");
    fixture.check("redis").put("mode", "cluster").put("url", cluster.seedUrls());
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  @Test
  void aStoppedMasterIsNamedThenTheFailedClusterStateAndItRecovers() throws Exception {
    service = fixture.start();
    assertThat(service.awaitDependency("redis", "ok", Duration.ofSeconds(5)).status()).isEqualTo(200);
    // Not a seed the check asks first: the other seeds still answer.
    RedisProcess stopped = cluster.nodes().get(2);
    stopped.pause();
    try {
      // Before the cluster notices (node timeout 1 s), the check already names the silent master.
      Probe down = service.awaitDependency("redis", "error", Duration.ofSeconds(3));
      assertThat(down.status()).isEqualTo(503);
      assertThat(service.reason("redis")).contains("127.0.0.1:" + stopped.port());
      // Once the others mark it failed, the cluster itself says so.
      service.await("/health?verbose", p -> String.valueOf(p.json().getJsonObject("details").getJsonObject("redis")
        .getString("reason")).startsWith("cluster_state:fail"), Duration.ofSeconds(15), 1000);
      assertThat(service.reason("redis")).contains("failing: 127.0.0.1:" + stopped.port()).doesNotContain("@");
    } finally {
      stopped.resume();
    }
    assertThat(service.awaitDependency("redis", "ok", Duration.ofSeconds(15)).status()).isEqualTo(200);
  }

  @Test
  void aRefusedSeedDoesNotMatterWhileAnotherAnswers() throws Exception {
    fixture.check("redis").put("url", "redis://127.0.0.1:1," + cluster.seedUrls());
    service = fixture.start();
    assertThat(service.awaitDependency("redis", "ok", Duration.ofSeconds(5)).status()).isEqualTo(200);
  }

  @Test
  void aStandaloneServerIsNotACluster() throws Exception {
    fixture.check("redis").put("url", "redis://127.0.0.1:" + fixture.redis.port());
    service = fixture.start();
    service.awaitDependency("redis", "error", Duration.ofSeconds(5));
    assertThat(service.reason("redis")).isEqualTo("no seed node answered: 127.0.0.1:" + fixture.redis.port()
      + ": not a cluster node (cluster support disabled) (ERR)");
  }
}
