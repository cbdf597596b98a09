package io.healthservice.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster of three masters without replicas, node timeout 1 s: pausing one node soon
 * leaves its slots uncovered and the others report {@code cluster_state:fail}.
 */
public final class RedisClusterSetup implements AutoCloseable {

  public static final int NODE_TIMEOUT_MS = 1000;
  private static final int MASTERS = 3;

  private final List<RedisProcess> nodes = new ArrayList<>();

  private RedisClusterSetup() {
  }

  /** Starts the nodes, runs {@code redis-cli --cluster create}, waits until every node says cluster_state:ok. */
  public static RedisClusterSetup start() throws IOException {
    RedisClusterSetup cluster = new RedisClusterSetup();
    try {
      cluster.launch();
      return cluster;
    } catch (RuntimeException | IOException e) {
      cluster.close();
      throw e;
    }
  }

  private void launch() throws IOException {
    for (int i = 0; i < MASTERS; i++) {
      // Each node has its own dir, so the (relative) cluster config file never collides.
      // The bus port is chosen too: by default port + 10,000, which may lie in the ephemeral range and be taken.
      nodes.add(RedisProcess.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", String.valueOf(NODE_TIMEOUT_MS), "--cluster-port", String.valueOf(Ports.free())));
    }
    List<String> create = new ArrayList<>(List.of("/usr/bin/redis-cli", "--cluster", "create"));
    nodes.forEach(node -> create.add("127.0.0.1:" + node.port()));
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Exec.ok(Duration.ofSeconds(30), create);
    for (RedisProcess node : nodes) {
      awaitState(node, "ok", Duration.ofSeconds(15));
    }
  }

  public List<RedisProcess> nodes() {
    return List.copyOf(nodes);
  }

  /** {@code redis://127.0.0.1:P1,redis://127.0.0.1:P2,redis://127.0.0.1:P3}. */
  public String seedUrls() {
    return nodes.stream().map(RedisProcess::url).collect(Collectors.joining(","));
  }

  /** The {@code cluster_state} value {@code node} reports ("ok" or "fail"). */
  public static String state(RedisProcess node) {
    return node.cli("CLUSTER", "INFO").lines().filter(l -> l.startsWith("cluster_state:"))
      .map(l -> l.substring("cluster_state:".length()).trim()).findFirst().orElse("(none)");
  }

  /** Waits until {@code node} reports {@code cluster_state:<state>}. */
  public static void awaitState(RedisProcess node, String state, Duration deadline) {
    Exec.await("cluster_state:" + state + " on " + node.port(), deadline, () -> state(node).equals(state),
      () -> node.cli("CLUSTER", "INFO") + "\n" + node.cli("CLUSTER", "NODES"));
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (RedisProcess node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
