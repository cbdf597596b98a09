package io.healthservice.redis.impl;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.CheckWarning;
import io.healthservice.FailureKind;
import io.healthservice.redis.RedisWarning;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether one node takes the application's writes, judged without writing anything: first {@code PING}
 * (a node refusing writes for {@code MISCONF} refuses PING too, and a loading one every data command),
 * then the replication, memory and persistence fields of {@code INFO}, and {@code ROLE} where an ACL
 * denies INFO. With {@code expect_writable} a refusal fails the run; without it, it is a warning.
 * {@code LOADING} fails either way: the node serves nothing yet.
 * <p>
 * Where an ACL denies INFO: MISCONF and LOADING are still judged (from PING's reply), a replica from ROLE
 * (if allowed), and maxmemory is not judged (only INFO tells used and maximum memory).
 * <p>
 * Sequential (PING, then INFO): a node answers each only after the previous one, as a pipelining-blind
 * proxy would.
 */
public final class RedisWrites {

  private final boolean expectWritable;

  /** @param expectWritable {@code expect_writable}: a node that refuses writes is down */
  public RedisWrites(boolean expectWritable) {
    this.expectWritable = expectWritable;
  }

  /**
   * @param label     precedes reasons and warnings: "" for the one standalone server, else "host:port: "
   * @param stepMs    each command's own deadline; 0: none (the monitor's timer bounds the run)
   * @param judgeRole false where the caller judges ROLE itself (the sentinel's master)
   */
  public Future<Void> judge(RedisNode node, CheckContext context, int connectMs, long stepMs, String label,
                            boolean judgeRole) {
    return node.ask(Request.cmd(Command.PING), connectMs, stepMs).compose(pong -> {
      String error = isError(pong) ? pong.toString() : null;
      if (error == null && (pong == null || !"PONG".equals(pong.toString()))) {
        return fail(label + "unexpected reply to PING");
      }
      if (error != null && !"MISCONF".equals(RedisErrors.code(error))) {
        // LOADING among them: its reason stands with or without expect_writable.
        return fail(label + RedisErrors.classify(error).reason());
      }
      String misconf = error == null ? null : RedisErrors.classify(error).reason();
      return node.ask(Request.cmd(Command.INFO), connectMs, stepMs).compose(info -> {
        RedisInfo facts = isError(info) || info == null ? null : RedisInfo.parse(info.toString());
        if (facts != null && facts.loading()) {
          return fail(label + RedisWarning.LOADING);
        }
        return role(node, facts, connectMs, stepMs, judgeRole).compose(role -> {
          List<CheckWarning> refusals = new ArrayList<>();
          if ("slave".equals(role)) {
            refusals.add(RedisWarning.REPLICA.warning(RedisWarning.replica(role)));
          }
          if (facts != null && facts.outOfMemory()) {
            refusals.add(RedisWarning.MAXMEMORY.warning(
              RedisWarning.maxmemory(facts.usedMemory() - facts.notCountedForEvict(), facts.maxmemory())));
          }
          if (misconf != null) {
            refusals.add(RedisWarning.MISCONF.warning(misconf));
          }
          return decide(context, label, refusals);
        });
      });
    });
  }

  /** The node's role from INFO, else from ROLE; "" when not judged (an ACL denies both, or the caller judges it). */
  private static Future<String> role(RedisNode node, RedisInfo facts, int connectMs, long stepMs, boolean judgeRole) {
    if (!judgeRole) {
      return Future.succeededFuture("");
    }
    if (facts != null) {
      return Future.succeededFuture(facts.role());
    }
    return node.ask(Request.cmd(Command.ROLE), connectMs, stepMs).map(reply ->
      isError(reply) || reply == null || reply.size() == 0 ? "" : reply.get(0).toString().matches("[a-z]{1,16}")
        ? reply.get(0).toString() : "");
  }

  private Future<Void> decide(CheckContext context, String label, List<CheckWarning> refusals) {
    if (refusals.isEmpty()) {
      return Future.succeededFuture();
    }
    if (expectWritable) {
      return fail(label + String.join("; ", refusals.stream().map(CheckWarning::text).toList()));
    }
    refusals.forEach(refusal -> context.warn(refusal.code(), label + refusal.text()));
    return Future.succeededFuture();
  }

  static boolean isError(Response reply) {
    return reply != null && reply.type() == ResponseType.ERROR;
  }

  private static Future<Void> fail(String reason) {
    return Future.failedFuture(new CheckFailure(FailureKind.ERROR, reason));
  }
}
