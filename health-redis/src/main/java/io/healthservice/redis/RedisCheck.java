package io.healthservice.redis;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.healthservice.kit.Secrets;
import io.healthservice.kit.Target;
import io.healthservice.redis.impl.RedisCluster;
import io.healthservice.redis.impl.RedisDeployment;
import io.healthservice.redis.impl.RedisErrors;
import io.healthservice.redis.impl.RedisNode;
import io.healthservice.redis.impl.RedisSentinel;
import io.healthservice.redis.impl.RedisStandalone;
import io.healthservice.redis.impl.RedisWrites;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Redis as the application uses it: one server ({@code PING}), the master named by Sentinel, or every
 * master of a Cluster, and whether each takes writes (judged from PING, INFO and ROLE, never by writing). Connections are replaced once older than the target's {@code max_connection_age}.
 */
public final class RedisCheck extends ClientCheck<RedisDeployment> {

  private final String name;
  private final RedisTopology topology;
  private final RedisDeployment deployment;

  /** @param name the check's name; {@code target} gives the password, TLS CA and connection age */
  public RedisCheck(Vertx vertx, String name, Target target, RedisTopology topology) {
    this(vertx, name, target, topology, false);
  }

  /**
   * @param expectWritable {@code expect_writable}: a node that refuses writes (a replica, maxmemory under
   *                       noeviction, MISCONF) is down; without it, that is a warning of a run that passes
   */
  public RedisCheck(Vertx vertx, String name, Target target, RedisTopology topology, boolean expectWritable) {
    super(name, describe(Objects.requireNonNull(topology, "topology")));
    this.name = Objects.requireNonNull(name, "name");
    this.topology = Objects.requireNonNull(topology);
    Objects.requireNonNull(vertx);
    Objects.requireNonNull(target);
    Optional<String> trust = target.caFile();
    RedisWrites writes = new RedisWrites(expectWritable);
    this.deployment = switch (topology.mode()) {
      case STANDALONE -> new RedisStandalone(node(vertx, topology.urls().get(0), target.password(), target, trust), writes);
      case SENTINEL -> {
        List<RedisNode> sentinels = new ArrayList<>();
        // Sentinels are reached with their own URL's credentials; the password setting is the master's.
        topology.urls().forEach(url -> sentinels.add(node(vertx, withoutPath(url), Optional.empty(), target, trust)));
        String first = topology.urls().get(0);
        yield new RedisSentinel(sentinels, node(vertx, first, target.password(), target, trust),
          topology.masterName().orElseThrow(), RedisSentinel.databasePath(first), writes);
      }
      case CLUSTER -> {
        List<RedisNode> seeds = new ArrayList<>();
        topology.urls().forEach(url -> seeds.add(node(vertx, url, target.password(), target, trust)));
        yield new RedisCluster(seeds, writes);
      }
    };
  }

  /** One standalone server at {@code target}'s URL. */
  public RedisCheck(Vertx vertx, String name, Target target) {
    this(vertx, name, target, RedisTopology.standalone(target.url()));
  }

  private static RedisNode node(Vertx vertx, String url, Optional<String> password, Target target,
                                Optional<String> trust) {
    return new RedisNode(vertx, url, password, trust, target.maxConnectionAge());
  }

  /** A sentinel URL without its database path: sentinels have no databases to select. */
  private static String withoutPath(String url) {
    int authority = url.indexOf("://") + 3;
    int slash = url.indexOf('/', Math.max(authority, url.lastIndexOf('@') + 1));
    return slash < 0 ? url : url.substring(0, slash);
  }

  /** A check over the application's own Redis client ({@code PING}); the client is never reset or closed here. */
  public static DependencyCheck using(String name, io.vertx.redis.client.Redis client) {
    return new io.healthservice.redis.impl.SharedRedisCheck(name, client);
  }

  /** As {@link #using(String, io.vertx.redis.client.Redis)}, for an application that holds a {@code RedisAPI}. */
  public static DependencyCheck using(String name, io.vertx.redis.client.RedisAPI api) {
    Objects.requireNonNull(api, "api");
    // Classified here: a built-in kind's reasons come from error types and codes, never the client's message.
    return DependencyCheck.of(name, "datastore", () -> api.ping(java.util.List.of()).compose(reply ->
      reply != null && "PONG".equals(reply.toString()) ? Future.succeededFuture()
        : Future.failedFuture(new CheckFailure(FailureKind.ERROR, "unexpected reply to PING")),
      error -> Future.failedFuture(RedisErrors.of(error))));
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  /** What a Redis check probes, for log lines: its servers (passwords masked) and, for Sentinel, the master. */
  private static String describe(RedisTopology topology) {
    String urls = Secrets.maskUrls(String.join(",", topology.urls()));
    return switch (topology.mode()) {
      case STANDALONE -> urls;
      case SENTINEL -> "sentinel " + urls + " master " + topology.masterName().orElse("");
      case CLUSTER -> "cluster " + urls;
    };
  }

  /** The deployment is the client: its nodes connect lazily, and dropping it closes their connections. */
  @Override
  protected RedisDeployment open(CheckContext context) {
    return deployment;
  }

  @Override
  protected Future<Void> ping(RedisDeployment used, CheckContext context) {
    boolean fresh = false;
    for (RedisNode node : used.nodes()) {
      node.expireIfOld();
      fresh |= node.freshEveryRun();
    }
    // With rediss://: the earliest end across the nodes the check uses now (sentinels and the master, or the
    // seeds and current masters), each as presented at its latest handshake; a former master no longer counts.
    Future<Void> result = used.ping(context).andThen(ar -> used.nodes()
      .forEach(node -> node.certificateExpiry().ifPresent(context::certificate)))
      .recover(error -> Future.failedFuture(RedisErrors.of(error)));
    // max_connection_age 0: hold no connection between runs.
    return fresh ? result.eventually(() -> drop(used)) : result;
  }

  /** The redis client has no command timeout: closing it frees the socket stuck on a hung server. */
  @Override
  protected Future<Void> release(RedisDeployment used) {
    return used.reset();
  }
}
