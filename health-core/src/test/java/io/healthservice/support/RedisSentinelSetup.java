package io.healthservice.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real sentinel deployment: a master, one replica and two (or more) sentinels (quorum 1) watching it as
 * "mymaster", with short timeouts so a failover takes seconds. {@link #start()} returns once the
 * replica is in sync and every sentinel knows the master, the replica and the other sentinel.
 */
public final class RedisSentinelSetup implements AutoCloseable {

  public static final String MASTER_NAME = "mymaster";
  private final int sentinelCount;

  private final List<RedisProcess> dataNodes = new ArrayList<>();
  private final List<RedisProcess> sentinels = new ArrayList<>();

  private RedisSentinelSetup(int sentinelCount) {
    this.sentinelCount = sentinelCount;
  }

  public static RedisSentinelSetup start() throws IOException {
    return start(2);
  }

  /** With {@code sentinels} sentinels, still quorum 1: a fail-over then needs a majority of them reachable. */
  public static RedisSentinelSetup start(int sentinels) throws IOException {
    RedisSentinelSetup setup = new RedisSentinelSetup(sentinels);
    try {
      setup.launch();
      return setup;
    } catch (RuntimeException | IOException e) {
      setup.close();
      throw e;
    }
  }

  private void launch() throws IOException {
    // Redis 7 delays a diskless full sync by 5 s to batch replicas; one replica gains nothing from waiting.
    RedisProcess master = RedisProcess.start("--repl-diskless-sync-delay", "0");
    dataNodes.add(master);
    RedisProcess replica = RedisProcess.start("--repl-diskless-sync-delay", "0",
      "--replicaof", "127.0.0.1", String.valueOf(master.port()));
    dataNodes.add(replica);
    Exec.await("replica in sync", Duration.ofSeconds(10),
      () -> replica.cli("INFO", "replication").contains("master_link_status:up"), () -> replica.cli("INFO", "replication"));
    // resolve-hostnames no: announce and compare plain IPs, as a sentinel without DNS would.
    String config = String.join("\n",
      "sentinel resolve-hostnames no",
      "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 1",
      "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
      "sentinel failover-timeout " + MASTER_NAME + " 3000",
      "sentinel parallel-syncs " + MASTER_NAME + " 1");
    for (int i = 0; i < sentinelCount; i++) {
      sentinels.add(RedisProcess.startSentinel(config));
    }
    // A sentinel learns replicas from the master's INFO and its peers from hello messages (every 2 s);
    // SENTINEL FAILOVER answers NOGOODSLAVE until the replica is known.
    for (RedisProcess sentinel : sentinels) {
      Exec.await("sentinel " + sentinel.port() + " knowing the replica and its peers", Duration.ofSeconds(15), () -> {
        String replicas = sentinel.cli("SENTINEL", "REPLICAS", MASTER_NAME);
        return masterPort(sentinel) == master.port()
          && replicas.contains("127.0.0.1:" + replica.port()) && replicas.contains("\nslave\n")
          && sentinel.cli("SENTINEL", "SENTINELS", MASTER_NAME).lines().filter(l -> l.equals("name")).count() == sentinelCount - 1;
      }, () -> sentinel.cli("SENTINEL", "REPLICAS", MASTER_NAME) + "\n" + sentinel.log());
    }
  }

  public String masterName() {
    return MASTER_NAME;
  }

  public List<Integer> sentinelPorts() {
    return sentinels.stream().map(RedisProcess::port).toList();
  }

  /** {@code redis://127.0.0.1:P1,redis://127.0.0.1:P2}. */
  public String sentinelUrls() {
    return sentinels.stream().map(RedisProcess::url).collect(Collectors.joining(","));
  }

  public List<RedisProcess> sentinels() {
    return List.copyOf(sentinels);
  }

  /** Both data nodes, the first started as master; roles change with failovers. */
  public List<RedisProcess> dataNodes() {
    return List.copyOf(dataNodes);
  }

  /** The master's port according to the first sentinel. */
  public int currentMasterPort() {
    return masterPort(sentinels.get(0));
  }

  /** The data node the first sentinel names master (e.g. to {@link RedisProcess#pause()} it). */
  public RedisProcess currentMaster() {
    return node(currentMasterPort());
  }

  /**
   * {@code SENTINEL FAILOVER mymaster}, then waits (15 s) until every sentinel names the other node and
   * that node's ROLE says master. Returns the new master's port. The old master is demoted by the
   * sentinels a little later, asynchronously.
   */
  public int failover() {
    int before = currentMasterPort();
    RedisProcess target = dataNodes.stream().filter(n -> n.port() != before).findFirst().orElseThrow();
    String reply = sentinels.get(0).cli("SENTINEL", "FAILOVER", MASTER_NAME);
    if (!reply.equals("OK")) {
      throw new IllegalStateException("SENTINEL FAILOVER refused: " + reply);
    }
    Exec.await("failover to " + target.port(), Duration.ofSeconds(15),
      () -> sentinels.stream().allMatch(s -> masterPort(s) == target.port())
        && target.cli("ROLE").lines().findFirst().orElse("").equals("master"),
      () -> "sentinels say " + sentinels.stream().map(s -> String.valueOf(masterPort(s))).toList()
        + ", ROLE of " + target.port() + ": " + target.cli("ROLE") + "\n" + sentinels.get(0).log());
    return target.port();
  }

  @Override
  public void close() {
    // Sentinels first, so none reacts to the data nodes going away.
    List<RedisProcess> all = new ArrayList<>(sentinels);
    all.addAll(dataNodes);
    RuntimeException failure = null;
    for (RedisProcess process : all) {
      try {
        process.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private RedisProcess node(int port) {
    return dataNodes.stream().filter(n -> n.port() == port).findFirst()
      .orElseThrow(() -> new IllegalStateException("no data node on port " + port));
  }

  private static int masterPort(RedisProcess sentinel) {
    List<String> reply = sentinel.cli("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).lines().toList();
    if (reply.size() != 2) {
      throw new IllegalStateException("sentinel " + sentinel.port() + " has no address for " + MASTER_NAME + ": " + reply);
    }
    return Integer.parseInt(reply.get(1).trim());
  }
}
