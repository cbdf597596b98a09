package io.healthservice.redis.impl;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asks the first seed node that answers for {@code CLUSTER INFO} and {@code CLUSTER NODES}, then pings
 * every master and judges whether it takes writes ({@link RedisWrites}). Down when the cluster says {@code cluster_state:fail} or a master does not answer — a
 * stopped master shows at once, before the cluster's own node timeout marks it failed.
 */
public final class RedisCluster implements RedisDeployment {

  private final List<RedisNode> seeds;
  /** The masters of the latest topology, by {@code host:port}, reusing their connections between runs. */
  private final Map<String, RedisNode> masters = new LinkedHashMap<>();

  private final RedisWrites writes;

  public RedisCluster(List<RedisNode> seeds, RedisWrites writes) {
    this.seeds = List.copyOf(seeds);
    this.writes = writes;
  }

  private record View(RedisNode seed, String info, String nodes) {
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    // At most five steps (CLUSTER INFO, NODES, then each master's PING, INFO and, where an ACL denies
    // INFO, ROLE), each with 18 % of the budget.
    int connectMs = context.clientLimitMillis();
    long stepDeadlineMs = context.shareMillis(18);
    List<Future<View>> asked = new ArrayList<>();
    for (RedisNode seed : seeds) {
      asked.add(seed.send(Request.cmd(Command.CLUSTER).arg("INFO"), connectMs, stepDeadlineMs).compose(info ->
        seed.send(Request.cmd(Command.CLUSTER).arg("NODES"), connectMs, stepDeadlineMs)
          .map(nodes -> new View(seed, text(info), text(nodes)))));
    }
    return RedisDeployment.firstSuccess(asked, "no seed node answered: ").compose(view -> judge(view, context, connectMs, stepDeadlineMs));
  }

  private Future<Void> judge(View view, CheckContext context, int connectMs, long stepDeadlineMs) {
    List<ClusterNodes.Master> listed = ClusterNodes.masters(view.nodes(), view.seed().address());
    refreshMasters(view.seed(), listed);
    String state = ClusterNodes.state(view.info());
    if (!"ok".equals(state)) {
      List<String> failing = listed.stream().filter(m -> m.failing() && m.servesSlots())
        .map(ClusterNodes.Master::address).toList();
      return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "cluster_state:" + state + " (reported by "
        + view.seed().address() + ")" + (failing.isEmpty() ? "" : "; failing: " + String.join(", ", failing))));
    }
    if (masters.isEmpty()) {
      return Future.failedFuture(new CheckFailure(FailureKind.ERROR, "cluster lists no master serving slots"));
    }
    List<Future<Void>> pings = new ArrayList<>();
    for (RedisNode master : masters.values()) {
      pings.add(writes.judge(master, context, connectMs, stepDeadlineMs, master.address() + ": ", true));
    }
    return Future.join(pings).transform(done -> {
      List<CheckFailure> failures = new ArrayList<>();
      for (Future<Void> ping : pings) {
        if (ping.failed()) {
          failures.add(RedisErrors.of(ping.cause()));
        }
      }
      return failures.isEmpty() ? Future.<Void>succeededFuture()
        : Future.failedFuture(RedisDeployment.combine("master ", failures));
    });
  }

  /** Keeps a connection per current master; drops those of nodes that are no longer masters. */
  private void refreshMasters(RedisNode seed, List<ClusterNodes.Master> listed) {
    Map<String, RedisNode> next = new LinkedHashMap<>();
    for (ClusterNodes.Master master : listed) {
      // Only masters that serve slots matter; a failed-over one keeps its line in CLUSTER NODES without them.
      if (!master.servesSlots() || next.containsKey(master.address())) {
        continue;
      }
      RedisNode node = masters.remove(master.address());
      next.put(master.address(), node != null ? node : seed.sibling(master.host(), master.port(), ""));
    }
    masters.values().forEach(RedisNode::reset);
    masters.clear();
    masters.putAll(next);
  }

  private static String text(Response reply) {
    return reply == null ? "" : reply.toString();
  }

  @Override
  public java.util.Collection<RedisNode> nodes() {
    List<RedisNode> all = new ArrayList<>(seeds);
    all.addAll(masters.values());
    return all;
  }

  @Override
  public Future<Void> reset() {
    List<Future<Void>> closing = new ArrayList<>();
    seeds.forEach(s -> closing.add(s.reset()));
    masters.values().forEach(m -> closing.add(m.reset()));
    return Future.join(closing).mapEmpty();
  }
}
