package io.healthservice.faults;

import io.healthservice.support.Eventually;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.TcpProxy;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault matrix: each way a dependency's connection can misbehave, for Postgres, Redis and an LLM
 * endpoint, through a proxy in front of the real server. For each: what /health reports (and why, in
 * sanitised words), that every probe meanwhile answers in < 1 s, that sockets stay bounded, and that
 * the check returns to ok by itself when the fault ends.
 */
class FaultMatrixTest extends ServiceTest {


  @BeforeEach
  void configure() throws Exception {
    fixture.config.put("details", "always");
  }


  private TcpProxy proxy(String dependency) {
    return switch (dependency) {
      case "database" -> fixture.postgres;
      case "redis" -> fixture.redis;
      default -> fixture.llmProxy;
    };
  }

  private static String entry(String dependency) {
    return dependency.equals("openai") ? "llm_services" : dependency;
  }

  private static JsonObject details(Probe probe, String dependency) {
    JsonObject details = probe.json().getJsonObject("details");
    return dependency.equals("openai")
      ? details.getJsonObject("llm_services").getJsonObject("endpoints").getJsonObject("openai")
      : details.getJsonObject(dependency);
  }

  @ParameterizedTest(name = "{0} {1} → {2} ({3})")
  @CsvSource({
    "database, REFUSE,                  error,    connection refused",
    "database, RESET,                   error,    connection closed by peer",
    "database, RESET_MID_REPLY,         error,    connection closed by peer",
    "database, HANG,                    error,    timeout after 500 ms",
    "database, SLOW,                    error,    timeout after 500 ms",
    "database, GARBAGE,                 error,    ",
    "database, CLOSE_AFTER_FIRST_REPLY, error,    connection closed by peer",
    "redis,    REFUSE,                  error,    connection refused",
    "redis,    RESET,                   error,    connection closed by peer",
    "redis,    RESET_MID_REPLY,         error,    connection closed by peer",
    "redis,    HANG,                    error,    timeout after 500 ms",
    "redis,    SLOW,                    error,    timeout after 500 ms",
    "redis,    GARBAGE,                 error,    ",
    "redis,    CLOSE_AFTER_FIRST_REPLY, error,    ",
    "openai,   REFUSE,                  degraded, connection refused",
    "openai,   RESET,                   degraded, connection closed by peer",
    "openai,   RESET_MID_REPLY,         degraded, connection closed by peer",
    "openai,   HANG,                    degraded, timeout after 500 ms",
    "openai,   SLOW,                    degraded, timeout after 500 ms",
    "openai,   GARBAGE,                 degraded, ",
  })
  void faultIsReportedFastAndRecoversByItself(String dependency, Mode fault, String expected, String reason)
    throws Exception {
    service = fixture.start();
    String entry = entry(dependency);
    service.await("/health", p -> p.status() == 200 && "ok".equals(p.json().getString("status")));

    TcpProxy proxy = proxy(dependency).delayMs(700); // SLOW: just over the 500 ms timeout
    proxy.set(fault);
    // The steady reason of a lasting fault: the first run after the switch may meet the connection it held being cut
    // ("connection closed by peer"), which is true too, and a loaded machine makes that more likely.
    Probe down = service.await("/health?verbose", p -> expected.equals(p.dependency(entry))
      && (reason == null || reason.equals(details(p, dependency).getString("reason"))), Duration.ofSeconds(5), 1000);
    assertThat(down.status()).isEqualTo(expected.equals("error") ? 503 : 200);
    String why = details(down, dependency).getString("reason");
    if (reason != null) {
      assertThat(why).isEqualTo(reason);
    }
    assertThat(why).doesNotContain("127.0.0.1", "postgres@", "Exception", "sk-");

    // The fault lasts: probes stay fast, connections to the sick server stay bounded.
    int[] maxOpen = {0};
    Eventually.throughout(Duration.ofMillis(1500), Duration.ofMillis(25), () -> {
      Probe probe = service.get("/health");
      assertThat(probe.elapsedMs()).isLessThan(1000);
      assertThat(probe.dependency(entry)).isEqualTo(expected);
      maxOpen[0] = Math.max(maxOpen[0], proxy.openConnections());
    });
    assertThat(maxOpen[0]).isLessThanOrEqualTo(3);

    proxy.set(Mode.FORWARD);
    Probe up = service.await("/health", p -> "ok".equals(p.dependency(entry)), Duration.ofSeconds(5), 1000);
    assertThat(up.status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} slow but within its timeout stays ok")
  @CsvSource({"database", "redis", "openai"})
  void slowJustUnderTheTimeoutIsStillOk(String dependency) throws Exception {
    service = fixture.start();
    TcpProxy proxy = proxy(dependency).delayMs(120); // a reconnect takes 2 round trips: 240 ms < 500 ms
    proxy.set(Mode.SLOW);
    Probe slow = service.await("/health?verbose", p -> details(p, dependency).getLong("latency_ms") >= 100,
      Duration.ofSeconds(5), 1000);
    assertThat(slow.dependency(entry(dependency))).isEqualTo("ok");
    Eventually.throughout(Duration.ofSeconds(1), Duration.ofMillis(50),
      () -> assertThat(service.get("/health").dependency(entry(dependency))).isEqualTo("ok"));
  }

  @ParameterizedTest(name = "{0}: closing after each reply is fine for HTTP")
  @CsvSource({"openai"})
  void anHttpServerClosingEachConnectionIsFine(String dependency) throws Exception {
    service = fixture.start();
    proxy(dependency).set(Mode.CLOSE_AFTER_FIRST_REPLY);
    // Several runs through the closing proxy (one every 200 ms), each on a connection the last one saw closed.
    service.awaitRuns(dependency, service.runs(dependency), 5, Duration.ofSeconds(5));
    assertThat(service.get("/health").dependency("llm_services")).isEqualTo("ok");
  }
}
