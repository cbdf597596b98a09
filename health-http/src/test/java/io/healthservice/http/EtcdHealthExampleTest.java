package io.healthservice.http;

import io.healthservice.CheckWarning;
import io.healthservice.DependencyCheck;
import io.healthservice.support.CheckRuns;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body conditions of {@code type: http} as docs/configuration.md shows them, against a real etcd (Debian's 3.4):
 * {@code /health} answers {@code {"health":"true"}}, and 503 {@code {"health":"false"}} once its NOSPACE alarm is
 * raised (a second etcd, filled past a 1 MB quota). Each check is read from the entry a YAML example parses to.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EtcdHealthExampleTest {

  /** Generous: this is about what the body says, and etcd fsyncs on a machine that may be busy with other builds. */
  private static final long BUDGET_MS = 5_000;

  private static Vertx vertx;
  private static EtcdServer healthy;
  private static EtcdServer full;

  @BeforeAll
  @Timeout(value = 90, unit = TimeUnit.SECONDS) // two etcd servers, one filled to its quota
  static void start() throws Exception {
    vertx = Vertx.vertx();
    healthy = EtcdServer.start(0);
    full = EtcdServer.start(1024 * 1024);
    full.fillUntilNoSpace();
  }

  @AfterAll
  static void stop() throws Exception {
    for (EtcdServer etcd : new EtcdServer[] {healthy, full}) {
      if (etcd != null) {
        etcd.close();
      }
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The documented example: <pre>
   * etcd:
   *   type: http
   *   url: http://etcd:2379/health
   *   expect_json_pointer: /health
   *   expect_json_value: "true"     # quoted: etcd answers the text "true", not a boolean
   * </pre>
   */
  private static JsonObject example(EtcdServer etcd) {
    return new JsonObject().put("type", "http").put("url", etcd.url() + "/health")
      .put("expect_json_pointer", "/health").put("expect_json_value", "true");
  }

  private static CheckRuns.Outcome run(JsonObject entry) throws Exception {
    DependencyCheck check = MapKindConfig.check(vertx, new HttpKind(), "etcd", entry);
    try {
      return CheckRuns.run(vertx, check, BUDGET_MS);
    } finally {
      ((HttpCheck) check).close();
    }
  }

  @Test
  void theDocumentedExampleIsUpOnAHealthyEtcd() throws Exception {
    CheckRuns.Outcome up = run(example(healthy));
    assertThat(up.reason()).isNull();
    assertThat(up.warnings()).isEmpty();
  }

  @Test
  void aValueThatDoesNotMatchIsDownNamingPointerValueAndExpectation() throws Exception {
    assertThat(run(example(healthy).put("expect_json_pointer", "/reason")).reason())
      .isEqualTo("JSON /reason is missing, expected \"true\"");
    assertThat(run(example(healthy).put("expect_json_value", new JsonArray().add("ok").add("yes"))).reason())
      .isEqualTo("JSON /health is \"true\", expected \"ok\" or \"yes\"");
  }

  @Test
  void anEtcdOutOfSpaceIsDownByItsStatusOrByTheValueWhen503IsExpected() throws Exception {
    assertThat(run(example(full)).reason()).isEqualTo("HTTP 503");
    assertThat(run(example(full).put("expect_status", new JsonArray().add(200).add(503))).reason())
      .isEqualTo("JSON /health is \"false\", expected \"true\"");
  }

  @Test
  void warnJsonValueMakesTheSameAnswerUpWithAWarning() throws Exception {
    CheckRuns.Outcome warned = run(example(full).put("expect_status", new JsonArray().add(200).add(503))
      .put("warn_json_value", "false"));
    assertThat(warned.reason()).isNull();
    assertThat(warned.warnings()).containsExactly(new CheckWarning("body_condition", "JSON /health is \"false\""));
  }

  @Test
  void etcdsOwnExcludeLeavesTheNoSpaceAlarmOut() throws Exception {
    assertThat(run(example(full).put("url", full.url() + "/health?exclude=NOSPACE")).reason()).isNull();
  }
}
