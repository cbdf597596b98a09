package io.healthservice.mysql;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MySQL check against the machine's MariaDB (127.0.0.1:3306), as a private user and database made for
 * this test and dropped after it, directly and through a {@link TcpProxy} that refuses, hangs, resets or
 * answers garbage.
 */
class MysqlCheckTest {

  private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private static final String USER = "health_t_" + SUFFIX;
  private static final String DB = "health_t_" + SUFFIX;
  private static final String PASSWORD = "pw-" + UUID.randomUUID();
  private static final Duration RUN = Duration.ofSeconds(2);
  private static Vertx vertx;

  @BeforeAll
  static void setUp() {
    Exec.requireBinary("/usr/bin/mariadb", "mariadb-client");
    sql("CREATE DATABASE `" + DB + "`;"
      + " CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';"
      + " CREATE USER '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';"
      + " GRANT ALL ON `health\\_t\\_" + SUFFIX + "%`.* TO '" + USER + "'@'127.0.0.1';"
      + " GRANT ALL ON `health\\_t\\_" + SUFFIX + "%`.* TO '" + USER + "'@'localhost';");
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void tearDown() throws Exception {
    try {
      sql("DROP USER IF EXISTS '" + USER + "'@'127.0.0.1'; DROP USER IF EXISTS '" + USER + "'@'localhost';"
        + " DROP DATABASE IF EXISTS `" + DB + "`;");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void sql(String statements) {
    Exec.ok(Duration.ofSeconds(20), List.of("/usr/bin/mariadb", "-uroot", "-e", statements));
  }

  private static String url(int port, String db) {
    return "mysql://" + USER + "@127.0.0.1:" + port + "/" + db;
  }

  private static MysqlCheck check(int port, String db, String password, boolean expectWritable) {
    return new MysqlCheck(vertx, "orders-db", new Target(url(port, db), Optional.of(password), Optional.empty(),
      Target.DEFAULT_MAX_CONNECTION_AGE), expectWritable);
  }

  private static CheckFailure failureOf(MysqlCheck check) throws Exception {
    Throwable error = OnContext.failure(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
    assertThat(error).isInstanceOf(CheckFailure.class);
    CheckFailure failure = (CheckFailure) error;
    assertThat(failure.reason()).doesNotContain(PASSWORD).doesNotContain(USER).doesNotContainIgnoringCase("denied for");
    return failure;
  }

  @Test
  void upAgainstTheRealServerAndWritable() throws Exception {
    MysqlCheck check = check(3306, DB, PASSWORD, true);
    try {
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN))); // the kept connection answers too
      assertThat(check.target()).doesNotContain(PASSWORD).contains("127.0.0.1:3306");
      assertThat(check.componentType()).isEqualTo("datastore");
    } finally {
      OnContext.await(vertx, check::close);
    }
  }

  @Test
  void wrongPasswordIsAnAuthenticationFailure() throws Exception {
    MysqlCheck check = check(3306, DB, "not-" + PASSWORD, false);
    CheckFailure failure = failureOf(check);
    assertThat(failure.reason()).isEqualTo("authentication failed (1045)");
    assertThat(failure.reason()).doesNotContain("not-" + PASSWORD);
    OnContext.await(vertx, check::close);
  }

  @Test
  void unknownDatabaseByItsCode() throws Exception {
    MysqlCheck check = check(3306, DB + "_missing", PASSWORD, false);
    assertThat(failureOf(check).reason()).isEqualTo("database does not exist (1049)");
    OnContext.await(vertx, check::close);
  }

  @Test
  void throughProxyRefusedHungResetGarbageThenRecovers() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", 3306)) {
      MysqlCheck check = check(proxy.port(), DB, PASSWORD, false);
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));

      proxy.set(TcpProxy.Mode.REFUSE);
      OnContext.await(vertx, () -> CheckRuns.drop(check));
      CheckFailure refused = failureOf(check);
      assertThat(refused.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(refused.reason()).isEqualTo("connection refused");

      proxy.set(TcpProxy.Mode.HANG);
      OnContext.await(vertx, () -> CheckRuns.drop(check));
      Duration shortRun = Duration.ofMillis(400);
      CompletableFuture<Void> hung = OnContext.start(vertx, () -> check.ping(CheckRuns.context(check, shortRun)));
      assertThatThrownBy(() -> hung.get(shortRun.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(proxy.openConnections()).isEqualTo(1);
      OnContext.await(vertx, () -> CheckRuns.drop(check)); // what the monitor does after a timeout
      Exec.await("no socket left on the proxy", Duration.ofSeconds(3), () -> proxy.openConnections() == 0, () -> "open: " + proxy.openConnections());

      proxy.set(TcpProxy.Mode.RESET);
      OnContext.await(vertx, () -> CheckRuns.drop(check));
      assertThat(failureOf(check).reason()).isIn("connection closed by peer", "connection closed");

      // MySQL's server speaks first; the proxy's garbage only answers a client's bytes, so the client waits
      // for a greeting that never comes: its own limit (just past the budget) ends it with a safe reason.
      proxy.set(TcpProxy.Mode.GARBAGE);
      OnContext.await(vertx, () -> CheckRuns.drop(check));
      Throwable garbage = OnContext.failure(vertx, () -> check.ping(CheckRuns.context(check, shortRun)));
      assertThat(garbage).isInstanceOf(CheckFailure.class);
      assertThat(((CheckFailure) garbage).kind()).isEqualTo(FailureKind.TIMEOUT);

      proxy.set(TcpProxy.Mode.FORWARD);
      OnContext.await(vertx, () -> CheckRuns.drop(check));
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      OnContext.await(vertx, check::close);
      Exec.await("no socket left after close", Duration.ofSeconds(3), () -> proxy.openConnections() == 0, () -> "open: " + proxy.openConnections());
    }
  }

  @Test
  void readOnlyDecisionFromARow() {
    assertThat(MysqlCheck.judge(1L, 0L, true)).isNull();
    assertThat(MysqlCheck.judge(1, 1, false)).isNull();
    assertThat(MysqlCheck.judge(1L, 1L, true).reason()).isEqualTo("server is read-only");
    assertThat(MysqlCheck.judge(1L, "ON", true).reason()).isEqualTo("server is read-only");
    assertThat(MysqlCheck.judge(1L, "NO_LOCK", true).reason()).isEqualTo("server is read-only");
    assertThat(MysqlCheck.judge(1L, "OFF", true)).isNull();
    assertThat(MysqlCheck.judge(1L, null, true)).isNull();
    assertThat(MysqlCheck.judge(2L, 0L, true).reason()).isEqualTo("unexpected reply to SELECT 1");
    assertThat(MysqlCheck.judge(null, 0L, false).reason()).isEqualTo("unexpected reply to SELECT 1");
  }

  @Test
  void errorCodesNotMessages() {
    assertThat(MysqlErrors.classify(new io.vertx.mysqlclient.MySQLException(
      "Access denied for user 'app'@'10.0.0.7' (using password: YES)", 1045, "28000")).reason())
      .isEqualTo("authentication failed (1045)");
    assertThat(MysqlErrors.classify(9999, "HY000").reason()).isEqualTo("mysql error (9999, SQLSTATE HY000)");
    assertThat(MysqlErrors.classify(1290, "HY000").reason()).isEqualTo("server is read-only (1290)");
  }

  @Test
  void badUrlDoesNotEchoIt() {
    assertThatThrownBy(() -> new MysqlCheck(vertx, "x", Target.of("mysql://u:s3cret@@:bad:port/db"), false))
      .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("s3cret");
  }
}
