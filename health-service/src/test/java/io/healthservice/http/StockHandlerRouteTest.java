package io.healthservice.http;

import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Vert.x's own HealthCheckHandler at /health/checks, over the background results. */
class StockHandlerRouteTest extends ServiceTest {

  private static JsonObject entry(Probe probe, String id) {
    return probe.json().getJsonArray("checks").stream().map(JsonObject.class::cast)
      .filter(c -> id.equals(c.getString("id"))).findFirst().orElseThrow(() -> new AssertionError(id + " in " + probe));
  }

  @Test
  void reportsEveryCheckAndA503NotA500WhenADependencyHangs() throws Exception {
    service = fixture.start();
    Probe up = service.await("/health/checks", p -> p.status() == 200);
    assertThat(up.json().getString("status")).isEqualTo("UP");
    assertThat(entry(up, "database").getString("status")).isEqualTo("UP");
    assertThat(entry(up, "redis").getString("status")).isEqualTo("UP");
    assertThat(entry(up, "llm_services").getString("status")).isEqualTo("UP");
    assertThat(service.send("HEAD", "/health/checks").status()).isEqualTo(200);

    fixture.redis.set(Mode.HANG);
    Probe down = service.await("/health/checks", p -> p.status() == 503, Duration.ofSeconds(5), 1000);
    assertThat(entry(down, "redis").getString("status")).isEqualTo("DOWN");
    assertThat(entry(down, "redis").getJsonObject("data")).isEqualTo(new JsonObject().put("kind", "timeout"));
    assertThat(down.body()).doesNotContain("timeout after", "127.0.0.1");

    fixture.redis.set(Mode.FORWARD);
    service.await("/health/checks", p -> p.status() == 200, Duration.ofSeconds(5), 1000);
  }
}
