package io.healthservice.faults;

import io.healthservice.support.Exposition;
import io.healthservice.support.Fixture;
import io.healthservice.support.RunningService;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.ShortLivedCertificate;
import io.healthservice.support.TlsProxy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of the "done when": an LLM API whose certificate ends in 10 days is a
 * warning in the details and a timestamp in /metrics while the service stays ok; a model the provider
 * no longer lists makes the service degraded with the model's name as the reason.
 */
class CertificateAndModelTest extends ServiceTest {

  private ShortLivedCertificate tenDays;
  private TlsProxy https;

  @BeforeEach
  void httpsInFrontOfTheFakeLlmApi() throws Exception {
    tenDays = ShortLivedCertificate.create(0, 10);
    https = TlsProxy.start(vertx, TlsProxy.Flavour.TLS_FROM_FIRST_BYTE, "127.0.0.1", fixture.llm.port(), tenDays);
    fixture.config.put("details", "always");
    // The first TLS handshake builds an SSL context: on a loaded machine, more than the fixture's 500 ms.
    for (String check : new String[] {"database", "redis", "llm_services"}) {
      fixture.check(check).put("timeout", "3s").put("max_age", "10s");
    }
    fixture.check("llm_services").put("endpoints", new JsonArray().add(fixture.openAi(Fixture.OPENAI_KEY)
      .put("base_url", "https://localhost:" + https.port()).put("tls_ca_file", tenDays.caFile())));
  }

  @AfterEach
  void closeProxy() throws Exception {
    https.close();
    tenDays.close();
  }

  /** Like {@link Fixture#start()}, with room for a loaded machine. */
  private void start() throws Exception {
    service = RunningService.start(fixture.config, fixture.env);
    service.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(30), 5_000);
  }

  private Probe awaitVerbose(java.util.function.Predicate<Probe> condition) throws Exception {
    return service.await("/health?verbose", condition, Duration.ofSeconds(30), 5_000);
  }

  private static JsonObject openAiDetails(Probe probe) {
    return probe.json().getJsonObject("details").getJsonObject("llm_services").getJsonObject("endpoints").getJsonObject("openai");
  }

  @Test
  void aCertificateTenDaysFromExpiryIsAWarningAndAMetricNotAFailure() throws Exception {
    start();
    // Up and warned at once: the warning does not fail the check.
    Probe probe = awaitVerbose(p -> "ok".equals(p.json().getString("status")) && openAiDetails(p).containsKey("warnings"));
    assertThat(probe.status()).isEqualTo(200);
    JsonObject openai = openAiDetails(probe);
    assertThat(openai.getString("status")).isEqualTo("ok");
    // keytool's 10 days started a moment ago: 9 whole days and some hours are left.
    assertThat(openai.getJsonObject("certificate").getLong("days_left")).isBetween(9L, 10L);
    Instant notAfter = Instant.parse(openai.getJsonObject("certificate").getString("not_after"));
    assertThat(Duration.between(Instant.now().plus(Duration.ofDays(10)), notAfter).abs()).isLessThan(Duration.ofMinutes(5));
    assertThat(openai.getJsonArray("warnings").getList()).singleElement().asString().matches("certificate expires in (9|10) days");

    Exposition metrics = new Exposition(service.get("/metrics").body());
    assertThat(metrics.value("health_check_certificate_expiry_timestamp_seconds", "check", "openai"))
      .isEqualTo((double) notAfter.getEpochSecond());
    // Checks without TLS have no series rather than NaN.
    assertThat(metrics.value("health_check_certificate_expiry_timestamp_seconds", "check", "redis")).isNull();
  }

  @Test
  void belowTheConfiguredThresholdThereIsNoWarning() throws Exception {
    fixture.check("llm_services").put("certificate_warning_days", 7);
    start();
    JsonObject openai = openAiDetails(awaitVerbose(p -> p.status() == 200 && openAiDetails(p).containsKey("certificate")));
    assertThat(openai.getJsonObject("certificate").getLong("days_left")).isBetween(9L, 10L);
    assertThat(openai.containsKey("warnings")).isFalse();
  }

  @Test
  void aRetiredModelIsDegradedWithItsName() throws Exception {
    fixture.check("llm_services").getJsonArray("endpoints").getJsonObject(0)
      .put("models", new JsonArray().add("gpt-4o-mini").add("gpt-3.5-turbo-0301"));
    start();
    Probe probe = awaitVerbose(p -> "degraded".equals(p.json().getString("status")));
    assertThat(probe.status()).isEqualTo(200);
    assertThat(probe.json().getString("status")).isEqualTo("degraded");
    JsonObject openai = openAiDetails(probe);
    assertThat(openai.getString("reason")).isEqualTo("model gpt-3.5-turbo-0301 not offered");
    assertThat(openai.getString("failure_kind")).isEqualTo("error");
    // The list is read for the check; the key never shows.
    assertThat(probe.body()).doesNotContain(Fixture.OPENAI_KEY);
  }
}
