package io.healthservice.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each real-server harness starts, does what its tests will rely on, and leaves no process behind. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealServerHarnessTest {

  @ParameterizedTest
  @ValueSource(strings = {"transaction", "session"})
  void pgBouncerPassesQueriesInEitherPoolMode(String poolMode) throws Exception {
    long pid;
    try (PgBouncerProcess bouncer = timed("pgbouncer " + poolMode, () -> PgBouncerProcess.start(poolMode))) {
      pid = bouncer.pid();
      assertThat(psql(bouncer.url("postgres"), "select 1").stdout().trim()).isEqualTo("1");
      assertThat(psql(bouncer.url("test"), "select current_database()").stdout().trim()).isEqualTo("test");
      Exec.Result wrong = psql(bouncer.url("postgres").replace(PgBouncerProcess.PASSWORD, "wrong"), "select 1");
      assertThat(wrong.exitCode()).isNotZero();
      assertThat(wrong.stderr()).contains("password authentication failed");
      assertThat(bouncer.log()).contains("login attempt: db=test user=postgres");
    }
    assertGone(pid);
  }

  @Test
  void privatePostgresAcceptsItsPasswordAndRejectsAWrongOne() throws Exception {
    long pid;
    try (PrivatePostgres postgres = timed("private postgres (initdb + start)", PrivatePostgres::start)) {
      pid = postgres.pid();
      String user = PrivatePostgres.SUPERUSER;
      assertThat(psql(postgres.url(user, PrivatePostgres.PASSWORD, "postgres"), "select 1").stdout().trim()).isEqualTo("1");
      Exec.Result wrong = psql(postgres.url(user, "wrong", "postgres"), "select 1");
      assertThat(wrong.exitCode()).isNotZero();
      assertThat(wrong.stderr()).contains("password authentication failed");
      assertThat(postgres.sql("show fsync")).isEqualTo("off");
    }
    assertGone(pid);
  }

  @Test
  void sentinelFailoverMovesTheMaster() throws Exception {
    List<Long> pids;
    try (RedisSentinelSetup setup = timed("sentinel setup", RedisSentinelSetup::start)) {
      pids = processes(setup.dataNodes(), setup.sentinels());
      assertThat(setup.sentinelUrls()).matches("redis://127\\.0\\.0\\.1:\\d+,redis://127\\.0\\.0\\.1:\\d+");
      int before = setup.currentMasterPort();
      assertThat(before).isEqualTo(setup.dataNodes().get(0).port());
      int after = timed("sentinel failover", setup::failover);
      assertThat(after).isNotEqualTo(before).isEqualTo(setup.currentMasterPort());
      assertThat(setup.currentMaster().cli("SET", "k", "v")).isEqualTo("OK");
    }
    pids.forEach(RealServerHarnessTest::assertGone);
  }

  @Test
  void sentinelsPromoteTheReplicaWhenTheMasterIsPaused() throws Exception {
    try (RedisSentinelSetup setup = RedisSentinelSetup.start()) {
      RedisProcess master = setup.currentMaster();
      RedisProcess replica = setup.dataNodes().get(1);
      master.pause();
      timed("automatic failover after SIGSTOP", () -> {
        Exec.await("sentinel promoting " + replica.port(), Duration.ofSeconds(20),
          () -> setup.currentMasterPort() == replica.port(), () -> setup.sentinels().get(0).log());
        return null;
      });
    }
  }

  @Test
  void clusterFailsWhileANodeIsPausedAndRecoversAfterResume() throws Exception {
    List<Long> pids;
    try (RedisClusterSetup cluster = timed("cluster setup", RedisClusterSetup::start)) {
      pids = processes(cluster.nodes(), List.of());
      assertThat(cluster.seedUrls().split(",")).hasSize(3);
      RedisProcess paused = cluster.nodes().get(0);
      RedisProcess witness = cluster.nodes().get(1);
      assertThat(RedisClusterSetup.state(witness)).isEqualTo("ok");
      paused.pause();
      timed("cluster_state:fail", () -> {
        RedisClusterSetup.awaitState(witness, "fail", Duration.ofSeconds(15));
        return null;
      });
      paused.resume();
      timed("cluster_state:ok again", () -> {
        RedisClusterSetup.awaitState(witness, "ok", Duration.ofSeconds(15));
        RedisClusterSetup.awaitState(paused, "ok", Duration.ofSeconds(15));
        return null;
      });
    }
    pids.forEach(RealServerHarnessTest::assertGone);
  }

  private static Exec.Result psql(String url, String statement) {
    return Exec.run(Duration.ofSeconds(10),
      List.of("/usr/lib/postgresql/15/bin/psql", "-X", "-A", "-t", "-c", statement, url));
  }

  private static List<Long> processes(List<RedisProcess> first, List<RedisProcess> second) {
    return Stream.concat(first.stream(), second.stream()).map(RedisProcess::pid).toList();
  }

  private static void assertGone(long pid) {
    assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("PID %d after close()", pid).isEmpty();
  }

  private interface Action<T> {
    T run() throws Exception;
  }

  /** Runs {@code action} and prints how long it took (surefire keeps it in the test's output file). */
  private static <T> T timed(String what, Action<T> action) throws Exception {
    long start = System.nanoTime();
    T result = action.run();
    System.out.printf("%s: %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
    return result;
  }
}
