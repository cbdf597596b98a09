package io.healthservice.faults;

import io.healthservice.support.PgBouncerProcess;
import io.healthservice.support.Ports;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The database check through a real PgBouncer with its stock settings, in both pooling modes. */
class PoolerTest extends ServiceTest {

  private PgBouncerProcess bouncer;

  @BeforeEach
  void configure() {
    fixture.config.put("details", "always");
    fixture.check("llm_services").remove("endpoints");
  }

  @AfterEach
  void stopBouncer() {
    if (bouncer != null) {
      bouncer.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"transaction", "session"})
  void okThroughPgBouncer(String poolMode) throws Exception {
    bouncer = PgBouncerProcess.start(poolMode);
    fixture.check("database").put("url", bouncer.url("postgres")).put("max_connection_age", "0");
    service = fixture.start();
    // Every run logs in anew (age 0): each login goes through PgBouncer's startup checks.
    Probe probe = service.awaitDependency("database", "ok", Duration.ofSeconds(5));
    assertThat(probe.status()).isEqualTo(200);
    assertThat(service.reason("database")).isNull();
    assertThat(bouncer.log()).doesNotContain("unsupported startup parameter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"transaction", "session"})
  void aRefusedStartupParameterIsNamedAsSuch(String poolMode) throws Exception {
    bouncer = PgBouncerProcess.start(poolMode);
    // A parameter the operator added to the URL, which PgBouncer refuses: the reason says what happened
    // without echoing the server's message.
    fixture.check("database").put("url", bouncer.url("postgres") + "?options=-c%20statement_timeout%3D1000");
    service = fixture.start();
    Probe probe = service.awaitDependency("database", "error", Duration.ofSeconds(5));
    assertThat(probe.status()).isEqualTo(503);
    assertThat(service.reason("database")).isEqualTo("rejected by server: unsupported startup parameter (SQLSTATE 08P01)");
  }

  /**
   * A host list whose first host is down and second is PgBouncer, read-write: the role query goes through
   * the pooler (simple protocol, in both modes) to the primary behind it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"transaction", "session"})
  void aHostListWithPgBouncerAsItsSecondHost(String poolMode) throws Exception {
    bouncer = PgBouncerProcess.start(poolMode);
    int dead = Ports.free();
    String url = bouncer.url("postgres").replaceFirst("@", "@127.0.0.1:" + dead + ",") + "?target_session_attrs=read-write";
    fixture.check("database").put("url", url);
    service = fixture.start();
    Probe probe = service.awaitDependency("database", "ok", Duration.ofSeconds(5));
    assertThat(probe.status()).isEqualTo(200);
    assertThat(bouncer.log()).doesNotContain("unsupported startup parameter");
  }

  @ParameterizedTest
  @ValueSource(strings = {"transaction"})
  void aWrongPasswordAtThePoolerIsAnAuthenticationFailure(String poolMode) throws Exception {
    bouncer = PgBouncerProcess.start(poolMode);
    fixture.check("database").put("url", bouncer.url("postgres").replace(PgBouncerProcess.PASSWORD, "not-the-password"));
    service = fixture.start();
    service.awaitDependency("database", "error", Duration.ofSeconds(5));
    String reason = service.reason("database");
    assertThat(reason).startsWith("authentication failed (SQLSTATE ");
    assertThat(service.get("/health?verbose").body()).doesNotContain("not-the-password");
  }
}
