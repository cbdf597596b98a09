package io.healthservice.redis;

import io.healthservice.CheckWarning;
import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns.Outcome;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.RedisClusterSetup;
import io.healthservice.support.RedisProcess;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write-ability of one real redis-server, judged without writing: each condition is made real on the
 * test's own server (a replica, maxmemory filled under noeviction, a failed RDB save, a slow reload) and
 * proved by the server refusing the test's own write, then the check is run with and without
 * {@code expect_writable}. ACL users without INFO (and ROLE) show what is still judged; in a Cluster each
 * master is judged and named.
 */
class RedisWritabilityTest {

  private static final long BUDGET_MS = 5000;
  private static final Duration SOON = Duration.ofSeconds(15);

  private Vertx vertx;

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  private Outcome run(String url, boolean expectWritable) throws Exception {
    RedisCheck check = new RedisCheck(vertx, "redis", Target.of(url), RedisTopology.standalone(url), expectWritable);
    try {
      return CheckRuns.run(vertx, check, BUDGET_MS);
    } finally {
      CheckRuns.drop(vertx, check);
    }
  }

  /** {@code redis://user:pw@127.0.0.1:P} for an ACL user with every command but {@code denied}. */
  private static String limitedUser(RedisProcess redis, String... denied) {
    List<String> command = new java.util.ArrayList<>(List.of("ACL", "SETUSER", "limited", "on", ">pw", "~*", "+@all"));
    for (String cmd : denied) {
      command.add("-" + cmd);
    }
    assertThat(redis.cli(command.toArray(String[]::new))).isEqualTo("OK");
    return "redis://limited:pw@127.0.0.1:" + redis.port();
  }

  @Test
  void aReplicaWarnsAndIsDownOnlyWithExpectWritable() throws Exception {
    try (RedisProcess master = RedisProcess.start();
         RedisProcess replica = RedisProcess.start("--replicaof", "127.0.0.1", String.valueOf(master.port()))) {
      assertThat(replica.cli("SET", "own-key", "x")).as("the replica refuses the test's write").startsWith("READONLY");
      assertThat(run(master.url(), true)).isEqualTo(new Outcome(null, List.of()));
      assertThat(run(replica.url(), false)).isEqualTo(new Outcome(null, List.of(new CheckWarning("replica", "replica: writes refused (role slave)"))));
      assertThat(run(replica.url(), true).reason()).isEqualTo("replica: writes refused (role slave)");
      // INFO denied: ROLE tells. Both denied: not judged, and not failed for that.
      assertThat(run(limitedUser(replica, "info"), true).reason()).isEqualTo("replica: writes refused (role slave)");
      assertThat(run(limitedUser(replica, "info", "role"), true)).isEqualTo(new Outcome(null, List.of()));
    }
  }

  @Test
  void maxmemoryReachedUnderNoevictionWarnsOrIsDown() throws Exception {
    try (RedisProcess redis = RedisProcess.start("--maxmemory-policy", "noeviction", "--enable-debug-command", "yes")) {
      redis.cli("CONFIG", "SET", "maxmemory", "1mb");
      assertThat(run(redis.url(), true)).as("an empty server is below 1 MB").isEqualTo(new Outcome(null, List.of()));
      // The test's own keys, past the limit (DEBUG POPULATE is not refused for memory; SET is).
      redis.cli("DEBUG", "POPULATE", "5000", "own-key", "100");
      assertThat(redis.cli("SET", "own-key", "x")).startsWith("OOM");
      Outcome warned = run(redis.url(), false);
      assertThat(warned.reason()).isNull();
      assertThat(warned.texts()).singleElement().asString()
        .matches("maxmemory reached under noeviction \\(used \\d+\\.\\d MB of 1\\.0 MB\\)");
      assertThat(warned.warnings().get(0).code()).as("the metric's label").isEqualTo("maxmemory");
      assertThat(run(redis.url(), true).reason()).isEqualTo(warned.texts().get(0));
      // Without INFO nothing tells used and maximum memory: not judged.
      assertThat(run(limitedUser(redis, "info"), true)).isEqualTo(new Outcome(null, List.of()));
      // Room again (a flush may leave the allocator above 1 MB): writes are taken, no warning.
      redis.cli("CONFIG", "SET", "maxmemory", "100mb");
      assertThat(redis.cli("SET", "own-key", "x")).isEqualTo("OK");
      assertThat(run(redis.url(), true)).isEqualTo(new Outcome(null, List.of()));
    }
  }

  @Test
  void aFailedRdbSaveWarnsOrIsDownEvenWithoutInfo() throws Exception {
    // The snapshot's final name is a directory: renaming the temp file onto it fails, even for root.
    try (RedisProcess redis = RedisProcess.start("--dbfilename", "blocked.rdb")) {
      Path blocker = Path.of(redis.cli("CONFIG", "GET", "dir").lines().toList().get(1)).resolve("blocked.rdb");
      Files.createDirectories(blocker.resolve("keep"));
      // stop-writes-on-bgsave-error (default yes) applies only while save points are configured.
      redis.cli("CONFIG", "SET", "save", "3600 1");
      redis.cli("BGSAVE");
      Exec.await("rdb_last_bgsave_status:err", SOON, () -> redis.cli("INFO", "persistence").contains("rdb_last_bgsave_status:err"),
        () -> redis.cli("INFO", "persistence"));
      assertThat(redis.cli("SET", "own-key", "x")).startsWith("MISCONF");
      String misconf = "MISCONF: last RDB save failed, writes refused";
      assertThat(run(redis.url(), false)).isEqualTo(new Outcome(null, List.of(new CheckWarning("misconf", misconf))));
      assertThat(run(redis.url(), true).reason()).isEqualTo(misconf);
      assertThat(run(limitedUser(redis, "info", "role"), true).reason()).as("PING's reply tells").isEqualTo(misconf);
      Exec.deleteTree(blocker);
      redis.cli("BGSAVE");
      Exec.await("rdb_last_bgsave_status:ok", SOON, () -> redis.cli("INFO", "persistence").contains("rdb_last_bgsave_status:ok"),
        () -> redis.cli("INFO", "persistence"));
      assertThat(run(redis.url(), true)).isEqualTo(new Outcome(null, List.of()));
    }
  }

  @Test
  void everyClusterMasterIsJudgedAndNamed() throws Exception {
    try (RedisClusterSetup cluster = RedisClusterSetup.start()) {
      RedisProcess full = cluster.nodes().get(1);
      String urls = cluster.seedUrls();
      RedisTopology topology = new RedisTopology(RedisMode.CLUSTER, RedisTopology.splitUrls(urls), java.util.Optional.empty());
      // Below what the node already holds: under noeviction it refuses every write from now on.
      long used = Long.parseLong(full.cli("INFO", "memory").lines().filter(l -> l.startsWith("used_memory:"))
        .findFirst().orElseThrow().substring("used_memory:".length()).trim());
      full.cli("CONFIG", "SET", "maxmemory", String.valueOf(used / 2));
      String prefix = "127.0.0.1:" + full.port() + ": maxmemory reached under noeviction (used ";
      Outcome warned = runCluster(urls, topology, false);
      assertThat(warned.reason()).isNull();
      assertThat(warned.texts()).singleElement().asString().startsWith(prefix);
      assertThat(runCluster(urls, topology, true).reason()).startsWith("master " + prefix);
      full.cli("CONFIG", "SET", "maxmemory", "0");
      assertThat(runCluster(urls, topology, true)).isEqualTo(new Outcome(null, List.of()));
    }
  }

  private Outcome runCluster(String urls, RedisTopology topology, boolean expectWritable) throws Exception {
    RedisCheck check = new RedisCheck(vertx, "redis", Target.of(urls), topology, expectWritable);
    try {
      return CheckRuns.run(vertx, check, BUDGET_MS);
    } finally {
      CheckRuns.drop(vertx, check);
    }
  }

  @Test
  void aLoadingServerIsDownWithOrWithoutExpectWritable() throws Exception {
    try (RedisProcess redis = RedisProcess.start("--enable-debug-command", "yes")) {
      // 20 000 keys at 0.5 ms each: ~10 s of loading, answering other clients every KiB read.
      redis.cli("DEBUG", "POPULATE", "20000", "own-key", "10");
      redis.cli("CONFIG", "SET", "key-load-delay", "500");
      redis.cli("CONFIG", "SET", "loading-process-events-interval-bytes", "1024");
      Path dir = Exec.tempDir("redis-reload", false);
      Process reload = Exec.spawn(List.of("/usr/bin/redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(redis.port()),
        "DEBUG", "RELOAD"), dir, dir.resolve("out"));
      try {
        Exec.await("loading:1", SOON, () -> redis.cli("INFO", "persistence").contains("loading:1"),
          () -> redis.cli("INFO", "persistence"));
        assertThat(run(redis.url(), false).reason()).isEqualTo("LOADING: dataset still loading");
        assertThat(run(redis.url(), true).reason()).isEqualTo("LOADING: dataset still loading");
      } finally {
        Exec.kill(reload);
        Exec.deleteTree(dir);
      }
    }
  }
}
