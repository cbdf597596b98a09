package io.healthservice.faults;

import io.healthservice.support.Eventually;
import io.healthservice.support.FakeLlmApi;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.RealServers;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.TcpProxy;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dependencies that answer, but with an error of their own protocol: Postgres ErrorResponse messages,
 * Redis error replies, LLM API statuses. And a host name that does not resolve.
 */
class ProtocolErrorTest extends ServiceTest {


  @BeforeEach
  void configure() throws Exception {
    fixture.config.put("details", "always");
  }


  /** A Postgres ErrorResponse ('E') as the server sends it, e.g. in answer to the startup message. */
  static Buffer postgresError(String sqlState, String message) {
    Buffer fields = Buffer.buffer()
      .appendByte((byte) 'S').appendString("FATAL").appendByte((byte) 0)
      .appendByte((byte) 'V').appendString("FATAL").appendByte((byte) 0)
      .appendByte((byte) 'C').appendString(sqlState).appendByte((byte) 0)
      .appendByte((byte) 'M').appendString(message, StandardCharsets.UTF_8.name()).appendByte((byte) 0)
      .appendByte((byte) 0);
    return Buffer.buffer().appendByte((byte) 'E').appendInt(fields.length() + 4).appendBuffer(fields);
  }

  private JsonObject details(String dependency) throws Exception {
    JsonObject details = service.get("/health?verbose").json().getJsonObject("details");
    return dependency.equals("openai")
      ? details.getJsonObject("llm_services").getJsonObject("endpoints").getJsonObject("openai")
      : details.getJsonObject(dependency);
  }

  private void assertFaultThenRecovery(TcpProxy proxy, String entry, String dependency, String reason) throws Exception {
    Probe down = service.await("/health", p -> !"ok".equals(p.dependency(entry)), Duration.ofSeconds(5), 1000);
    assertThat(down.status()).isEqualTo(503);
    // The steady reason: the run that meets the switch may first see the connection it held being cut.
    String seen = Eventually.until(dependency + "'s steady reason", Duration.ofSeconds(5),
      () -> details(dependency).getString("reason"), reason::equals);
    assertThat(seen).isEqualTo(reason);
    proxy.set(Mode.FORWARD);
    assertThat(service.await("/health", p -> "ok".equals(p.dependency(entry))).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "postgres {0} → {2}")
  @CsvSource(delimiter = '|', value = {
    "28P01|password authentication failed for user \"app\"|authentication failed (SQLSTATE 28P01)",
    "53300|sorry, too many clients already|too many connections (SQLSTATE 53300)",
    "57P03|the database system is starting up|server is starting up or shutting down (SQLSTATE 57P03)",
    "57P03|the database system is in recovery mode|server is starting up or shutting down (SQLSTATE 57P03)",
  })
  void postgresRefusingNewConnections(String sqlState, String message, String reason) throws Exception {
    service = fixture.start();
    fixture.postgres.script(postgresError(sqlState, message)).set(Mode.SCRIPTED);
    assertFaultThenRecovery(fixture.postgres, "database", "database", reason);
  }

  @Test
  void readOnlyPostgresIsDownWhenItMustBeWritable() throws Exception {
    // A real read-only session: the server applies default_transaction_read_only from the startup options.
    String url = RealServers.via(RealServers.DATABASE_URL, fixture.postgres.port());
    fixture.check("database").put("url", url + (url.contains("?") ? "&" : "?") + "options=-c%20default_transaction_read_only%3Don")
      .put("expect_writable", true);
    service = fixture.start();
    Probe down = service.await("/health", p -> "error".equals(p.dependency("database")));
    assertThat(down.status()).isEqualTo(503);
    assertThat(details("database").getString("reason")).isEqualTo("server is read-only or in recovery");
  }

  @Test
  void writablePostgresIsOkWhenItMustBeWritable() throws Exception {
    fixture.check("database").put("expect_writable", true);
    service = fixture.start();
    assertThat(service.await("/health", p -> "ok".equals(p.dependency("database"))).status()).isEqualTo(200);
  }

  @ParameterizedTest(name = "redis {0}")
  @CsvSource(delimiter = '|', value = {
    "-LOADING Redis is loading the dataset in memory|LOADING: dataset still loading",
    "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSCRIPT.|busy running a script (BUSY)",
    "-NOAUTH Authentication required.|authentication failed (NOAUTH)",
    "-WRONGPASS invalid username-password pair or user is disabled.|authentication failed (WRONGPASS)",
    "-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.|master is down (MASTERDOWN)",
  })
  void redisErrorReplies(String reply, String reason) throws Exception {
    service = fixture.start();
    fixture.redis.script(Buffer.buffer(reply + "\r\n")).set(Mode.SCRIPTED);
    assertFaultThenRecovery(fixture.redis, "redis", "redis", reason);
  }

  @ParameterizedTest(name = "LLM {0}")
  @CsvSource({"FAIL_500, HTTP 500", "FORBIDDEN, HTTP 403"})
  void llmErrorStatuses(FakeLlmApi.Mode mode, String reason) throws Exception {
    service = fixture.start();
    fixture.llm.set(mode);
    Probe probe = service.await("/health", p -> "degraded".equals(p.dependency("llm_services")));
    assertThat(probe.status()).isEqualTo(200);
    assertThat(details("openai").getString("reason")).isEqualTo(reason);
    fixture.llm.set(FakeLlmApi.Mode.OK);
    service.await("/health", p -> "ok".equals(p.dependency("llm_services")));
  }

  @Test
  void llmRateLimitedIsReportedAndBackedOffNotHammered() throws Exception {
    // Interval 100 ms; the API says Retry-After: 20 (seconds). Hammering would be ~20 requests in 2 s.
    fixture.check("llm_services").put("interval", "100ms");
    service = fixture.start();
    fixture.llm.set(FakeLlmApi.Mode.RATE_LIMITED);
    service.await("/health", p -> "degraded".equals(p.dependency("llm_services")));
    int afterFirst429 = fixture.llm.requests();
    JsonObject openai = details("openai");
    assertThat(openai.getString("reason")).isEqualTo("HTTP 429 (rate limited; retry after 20 s)");
    Thread.sleep(2000);
    assertThat(fixture.llm.requests() - afterFirst429).isLessThanOrEqualTo(1);
    // Backing off is not staleness: the reason stays the 429.
    assertThat(details("openai").getString("reason")).startsWith("HTTP 429");
  }

  @ParameterizedTest(name = "{0} host does not resolve")
  @CsvSource(delimiter = '|', value = {
    "database|url|postgresql://postgres@no-such-host.invalid:5432/postgres",
    "redis|url|redis://no-such-host.invalid:6379",
  })
  void hostNameThatDoesNotResolve(String check, String key, String url) throws Exception {
    fixture.check(check).put(key, url);
    service = fixture.start();
    Probe probe = service.await("/health", p -> "error".equals(p.dependency(check)), Duration.ofSeconds(5), 1000);
    assertThat(probe.status()).isEqualTo(503);
    assertThat(details(check).getString("reason")).isIn("host name does not resolve", "timeout after 500 ms");
  }

  @Test
  void llmHostNameThatDoesNotResolve() throws Exception {
    fixture.check("llm_services").getJsonArray("endpoints").getJsonObject(0).put("base_url", "http://no-such-host.invalid");
    service = fixture.start();
    Probe probe = service.await("/health", p -> "degraded".equals(p.dependency("llm_services")), Duration.ofSeconds(5), 1000);
    assertThat(probe.status()).isEqualTo(200);
    assertThat(details("openai").getString("reason")).isIn("host name does not resolve", "timeout after 500 ms");
  }
}
