package io.healthservice.postgres;

import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.PrivatePostgres;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database check over a host list of a real primary and its streaming standby (both the test's own,
 * on spare ports), and a port nobody listens on: each {@code target_session_attrs} picks the server libpq
 * would, and only the chosen host keeps a connection.
 */
class DatabaseCheckHostsTest {

  private static final long BUDGET_MS = 5000;
  private static Vertx vertx;
  private static PrivatePostgres primary;
  private static PrivatePostgres standby;
  private static int dead;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    primary = PrivatePostgres.start();
    standby = PrivatePostgres.standbyOf(primary);
    dead = Ports.free();
    // A cold JVM's first SCRAM login (class loading, PBKDF2) can take seconds: not what these tests are about.
    DatabaseCheck warmUp = new DatabaseCheck(vertx, "warm-up", Target.of(url("any", primary.port())), false);
    assertThat(CheckRuns.reason(vertx, warmUp, 20_000)).isNull();
    CheckRuns.drop(vertx, warmUp);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (standby != null) {
        standby.close();
      }
      if (primary != null) {
        primary.close();
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static String url(String attrs, int... ports) {
    StringBuilder hosts = new StringBuilder();
    for (int port : ports) {
      hosts.append(hosts.length() == 0 ? "" : ",").append("127.0.0.1:").append(port);
    }
    return "postgresql://postgres:" + PrivatePostgres.PASSWORD + "@" + hosts + "/postgres?target_session_attrs=" + attrs;
  }

  /** One run: null when up, else the reason; the host in use after it. */
  private record Run(String reason, String host) {
  }

  private static Run run(String attrs, int... ports) throws Exception {
    DatabaseCheck check = new DatabaseCheck(vertx, "database", Target.of(url(attrs, ports)), false);
    try {
      CheckRuns.Outcome outcome = CheckRuns.run(vertx, check, BUDGET_MS);
      return new Run(outcome.reason(), outcome.server().orElse(null));
    } finally {
      CheckRuns.drop(vertx, check);
    }
  }

  private static String at(PrivatePostgres server) {
    return "127.0.0.1:" + server.port();
  }

  @Test
  void readWriteAndPrimaryTakeThePrimaryWhereverItIsListed() throws Exception {
    assertThat(run("read-write", standby.port(), primary.port())).isEqualTo(new Run(null, at(primary)));
    assertThat(run("primary", dead, standby.port(), primary.port())).isEqualTo(new Run(null, at(primary)));
  }

  @Test
  void standbyReadOnlyAndPreferStandbyTakeTheStandby() throws Exception {
    assertThat(run("standby", primary.port(), standby.port())).isEqualTo(new Run(null, at(standby)));
    assertThat(run("read-only", primary.port(), standby.port())).isEqualTo(new Run(null, at(standby)));
    assertThat(run("prefer-standby", primary.port(), dead, standby.port())).isEqualTo(new Run(null, at(standby)));
  }

  @Test
  void preferStandbyWithoutOneTakesAnyThatAnswers() throws Exception {
    assertThat(run("prefer-standby", dead, primary.port())).isEqualTo(new Run(null, at(primary)));
  }

  @Test
  void anyTakesTheFirstThatAnswers() throws Exception {
    assertThat(run("any", dead, standby.port(), primary.port())).isEqualTo(new Run(null, at(standby)));
  }

  @Test
  void noMatchingHostIsDownNamingTheAttributeAndEachHost() throws Exception {
    Run run = run("standby", primary.port(), dead);
    assertThat(run.reason()).isEqualTo("no host is standby: " + at(primary) + " primary, 127.0.0.1:" + dead + " refused");
    assertThat(run.reason()).doesNotContain(PrivatePostgres.PASSWORD);
    assertThat(run.host()).isNull();
  }

  @Test
  void aHungHostLeavesBudgetForTheNext() throws Exception {
    TcpProxy hung = TcpProxy.start(vertx, "127.0.0.1", primary.port());
    try {
      hung.set(TcpProxy.Mode.HANG);
      DatabaseCheck check = new DatabaseCheck(vertx, "database", Target.of(url("read-write", hung.port(), standby.port(),
        primary.port())), false);
      try {
        long started = System.nanoTime();
        // 900 ms for three hosts: the hung one gets a third, then the others share what is left.
        CheckRuns.Outcome outcome = CheckRuns.run(vertx, check, 900);
        assertThat(outcome.reason()).isNull();
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(900);
        assertThat(outcome.server()).contains(at(primary));
      } finally {
        CheckRuns.drop(vertx, check);
      }
      Run none = run("standby", hung.port(), primary.port());
      assertThat(none.reason()).matches("no host is standby: 127\\.0\\.0\\.1:\\d+ timeout after \\d+ ms, "
        + "127\\.0\\.0\\.1:" + primary.port() + " primary");
    } finally {
      hung.close();
    }
  }

  @Test
  void onlyTheChosenHostKeepsAConnection() throws Exception {
    DatabaseCheck check = new DatabaseCheck(vertx, "database", Target.of(url("read-write", standby.port(), primary.port())), false);
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(CheckRuns.reason(vertx, check, BUDGET_MS)).isNull();
      }
      // The standby was asked (and found wanting) on the first run only: its connection is closed.
      Exec.await("no check connection on the standby", Duration.ofSeconds(5),
        () -> checkSessions(standby) == 0, () -> "sessions: " + checkSessions(standby));
      assertThat(checkSessions(primary)).isPositive();
    } finally {
      CheckRuns.drop(vertx, check);
    }
  }

  private static int checkSessions(PrivatePostgres server) {
    return Integer.parseInt(server.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'health-service'"));
  }
}
