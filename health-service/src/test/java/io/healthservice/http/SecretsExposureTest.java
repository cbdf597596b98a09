package io.healthservice.http;

import io.healthservice.support.FakeLlmApi;
import io.healthservice.support.Fixture;
import io.healthservice.support.LogCapture;
import io.healthservice.support.RealServers;
import io.healthservice.support.RunningService;
import io.healthservice.support.TcpProxy;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Distinctive secrets go in; no response and no log line may ever show them, whatever fails. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES) // about 19 s on an idle host (every way a secret could leak, against real servers): more than the default minute on a busy host
class SecretsExposureTest {

  private static final String PG_PASSWORD = "PgSecret-7f3a";
  private static final String REDIS_PASSWORD = "RedisSecret-91bc";
  private static final String LLM_KEY = "sk-live-LlmSecret-55de";
  private static final String DETAILS_TOKEN = "DetailsToken-0123456789abcdef";

  @Test
  void secretsNeverReachResponsesOrLogs(Vertx vertx) throws Exception {
    try (Fixture fixture = new Fixture(vertx); LogCapture logs = LogCapture.install()) {
      // Trust auth accepts the Postgres password; Redis has none, so AUTH fails; the LLM key is wrong (401
      // whose body echoes part of it, as OpenAI's does).
      fixture.check("database").put("url",
        RealServers.withPassword(RealServers.via(RealServers.DATABASE_URL, fixture.postgres.port()), "postgres", PG_PASSWORD));
      fixture.check("redis").put("url",
        RealServers.withPassword(RealServers.via(RealServers.REDIS_URL, fixture.redis.port()), "health", REDIS_PASSWORD));
      fixture.check("llm_services").put("endpoints", new JsonArray().add(fixture.openAi(LLM_KEY)));
      fixture.config.put("details", "always");
      fixture.env.put("HEALTH_DETAILS_TOKEN", DETAILS_TOKEN);

      List<String> bodies = new ArrayList<>();
      try (RunningService service = fixture.start()) {
        bodies.add(service.await("/health?verbose", p -> "error".equals(p.dependency("redis"))
          && "degraded".equals(p.dependency("llm_services"))).body());
        // The whole fault matrix, on each dependency in turn.
        for (TcpProxy proxy : List.of(fixture.postgres, fixture.redis, fixture.llmProxy)) {
          for (Mode mode : Mode.values()) {
            if (mode == Mode.FORWARD || mode == Mode.SCRIPTED) {
              continue;
            }
            proxy.delayMs(700).set(mode);
            fixture.llm.set(mode == Mode.HANG ? FakeLlmApi.Mode.HANG : FakeLlmApi.Mode.RATE_LIMITED);
            Thread.sleep(mode == Mode.HANG || mode == Mode.SLOW ? 1200 : 600); // a timeout shows after interval + timeout
            for (String path : List.of("/health?verbose", "/health", "/health/database?verbose", "/health/redis?verbose",
              "/health/openai?verbose", "/health/ready?verbose", "/metrics", "/nope")) {
              RunningService.Probe probe = service.get(path, "Authorization", "Bearer " + DETAILS_TOKEN);
              bodies.add(probe.body());
              bodies.add(probe.headers().toString());
            }
            proxy.set(Mode.FORWARD);
          }
        }
        fixture.postgres.set(Mode.REFUSE);
        bodies.add(service.await("/health?verbose", p -> "error".equals(p.dependency("database"))).body());
      }
      String everything = String.join("\n", bodies) + logs.text();
      assertThat(everything).doesNotContain(PG_PASSWORD, REDIS_PASSWORD, LLM_KEY, DETAILS_TOKEN, "LlmSecret");
      // The details did say why things failed, in sanitised words.
      assertThat(String.join("\n", bodies)).contains("HTTP 401").contains("authentication failed")
        .contains("timeout after 500 ms").contains("HTTP 429");
      // Log lines name the targets with the password masked.
      assertThat(logs.text()).contains("postgres:***@127.0.0.1").contains("health:***@127.0.0.1");
    }
  }
}
