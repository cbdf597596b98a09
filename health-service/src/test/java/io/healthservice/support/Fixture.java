package io.healthservice.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything a health test needs: proxies in front of the real Postgres and Redis, a fake LLM API,
 * and a config with short intervals so faults show within a second.
 */
public final class Fixture implements AutoCloseable {

  public static final String OPENAI_KEY = "sk-test-openai-good-0001";
  public static final String ANTHROPIC_KEY = "sk-ant-test-good-0001";

  public final TcpProxy postgres;
  public final TcpProxy redis;
  public final FakeLlmApi llm;
  /** Between the service and the fake LLM API, for TCP-level faults. */
  public final TcpProxy llmProxy;
  public final JsonObject config;
  public final Map<String, String> env = new HashMap<>();

  public Fixture(Vertx vertx) throws Exception {
    postgres = TcpProxy.start(vertx, RealServers.host(RealServers.DATABASE_URL), RealServers.port(RealServers.DATABASE_URL));
    redis = TcpProxy.start(vertx, RealServers.host(RealServers.REDIS_URL), RealServers.port(RealServers.REDIS_URL));
    llm = FakeLlmApi.start(vertx, OPENAI_KEY, ANTHROPIC_KEY);
    llmProxy = TcpProxy.start(vertx, "127.0.0.1", llm.port());
    config = new JsonObject()
      .put("service", new JsonObject().put("name", "ai-chatrooms"))
      .put("checks", new JsonObject()
        .put("database", fast().put("url", RealServers.via(RealServers.DATABASE_URL, postgres.port())))
        .put("redis", fast().put("url", RealServers.via(RealServers.REDIS_URL, redis.port())))
        .put("llm_services", fast().put("endpoints", new JsonArray().add(openAi(OPENAI_KEY)))));
  }

  /** Run every 200 ms with a 500 ms budget: a fault shows in well under a second. */
  public static JsonObject fast() {
    return new JsonObject().put("interval", "200ms").put("timeout", "500ms");
  }

  public JsonObject openAi(String key) {
    return new JsonObject().put("name", "openai").put("provider", "openai").put("base_url", "http://127.0.0.1:" + llmProxy.port()).put("api_key", key);
  }

  public JsonObject anthropic(String key) {
    return new JsonObject().put("name", "anthropic").put("provider", "anthropic").put("base_url", "http://127.0.0.1:" + llmProxy.port()).put("api_key", key);
  }

  public JsonObject check(String name) {
    return config.getJsonObject("checks").getJsonObject(name);
  }

  /**
   * Starts the service and waits until every check has completed its first run, then (for up to 2 s) until
   * no critical dependency is down: a cold JVM's first connection can outlast the tests' 500 ms timeout, and a
   * test about a fault must start from "ok", not from that. A critical dependency the test made faulty stays
   * down; the wait then just ends (a non-critical one does not hold it up at all). Probes during this warm-up may take up to 5 s (the first request of a cold server on a
   * loaded machine); the tests that assert probe speed do so after it.
   */
  public RunningService start() throws Exception {
    RunningService service = RunningService.start(config, env);
    service.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(15), 5000);
    long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (System.nanoTime() < settle && "error".equals(service.get("/health").json().getString("status"))) {
      Thread.sleep(50);
    }
    return service;
  }

  @Override
  public void close() throws Exception {
    postgres.close();
    redis.close();
    llmProxy.close();
    llm.close();
  }
}
