package io.healthservice.redis.impl;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.healthservice.redis.RedisWarning;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the sentinels which server is the master, then checks that server answers {@code PING} and says
 * it is a master. Asked on every run, so a fail-over is followed on the next run; the role is checked
 * because a sentinel's answer may lag behind a fail-over, and a former master still answers PING. The
 * master's writes are judged as a standalone server's ({@link RedisWrites}); {@code SENTINEL CKQUORUM}
 * tells whether a fail-over is still possible (a warning when not).
 */
public final class RedisSentinel implements RedisDeployment {

  private final List<RedisNode> sentinels;
  private final String masterName;
  private final String databasePath;
  private final RedisWrites writes;
  private RedisNode master;

  /**
   * @param sentinels      one node per sentinel URL
   * @param masterAuth     how to reach the master: its credentials, scheme and TLS settings (host and port are replaced)
   */
  public RedisSentinel(List<RedisNode> sentinels, RedisNode masterAuth, String masterName, String databasePath,
                       RedisWrites writes) {
    this.sentinels = List.copyOf(sentinels);
    this.writes = writes;
    this.master = masterAuth;
    this.masterName = masterName;
    this.databasePath = databasePath;
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    // Three steps (ask the sentinels, PING and ROLE of the master, its INFO), each with 30 % of the budget:
    // a silent node is named before the monitor's timer ends the run.
    int connectMs = context.clientLimitMillis();
    long stepDeadlineMs = context.shareMillis(30);
    String unknown = "master " + masterName + " is unknown to the sentinels";
    List<Future<Answer>> asked = new ArrayList<>();
    for (RedisNode sentinel : sentinels) {
      // A sentinel that does not know the name must not win over one that does.
      asked.add(sentinel.send(Request.cmd(Command.SENTINEL).arg("get-master-addr-by-name").arg(masterName), connectMs, stepDeadlineMs)
        .compose(address -> address == null || address.size() < 2
          ? Future.failedFuture(new CheckFailure(FailureKind.ERROR, unknown)) : Future.succeededFuture(new Answer(sentinel, address))));
    }
    return RedisDeployment.firstSuccess(asked, "no sentinel answered: ")
      .recover(error -> {
        CheckFailure failure = RedisErrors.of(error);
        // No sentinel named a master, and those that answered do not know the name: that is the news.
        return Future.failedFuture(failure.reason().contains(unknown) ? new CheckFailure(FailureKind.ERROR, unknown) : failure);
      })
      .compose(answer -> {
        Future<Void> quorum = quorum(answer.sentinel(), context, connectMs, stepDeadlineMs);
        Future<Void> master = pingMaster(answer.address(), context, connectMs, stepDeadlineMs);
        return Future.join(quorum, master).transform(done -> master);
      });
  }

  private record Answer(RedisNode sentinel, Response address) {
  }

  /**
   * {@code SENTINEL CKQUORUM}, asked of the sentinel that named the master: a NOQUORUM reply (too few
   * reachable sentinels for the quorum or for a majority to authorize a failover) is a warning, since the
   * master still serves. Any other outcome (OK, no permission, no reply) adds nothing and fails nothing.
   */
  private Future<Void> quorum(RedisNode sentinel, CheckContext context, int connectMs, long deadlineMs) {
    return sentinel.ask(Request.cmd(Command.SENTINEL).arg("CKQUORUM").arg(masterName), connectMs, deadlineMs)
      .transform(reply -> {
        if (reply.succeeded() && RedisWrites.isError(reply.result())
          && "NOQUORUM".equals(RedisErrors.code(reply.result().toString()))) {
          context.warn(RedisWarning.SENTINEL_QUORUM.code(), RedisWarning.sentinelQuorum(sentinel.address()));
        }
        return Future.<Void>succeededFuture();
      });
  }

  private Future<Void> pingMaster(Response address, CheckContext context, int connectMs, long stepDeadlineMs) {
    String host = address.get(0).toString();
    int port = address.get(1).toInteger();
    String wanted = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    if (!master.address().equals(wanted) && !master.address().equals(host + ":" + port)) {
      // A fail-over: the master moved.
      master.reset();
      master = master.sibling(host, port, databasePath);
    }
    RedisNode current = master;
    // PING, then INFO: LOADING, MISCONF, maxmemory. The role is judged here, always: a replica named
    // master is a sentinel's view lagging behind a fail-over, down with or without expect_writable.
    Future<Void> writable = writes.judge(current, context, connectMs, stepDeadlineMs, current.address() + ": ", false);
    // ROLE is in @admin: a user without it cannot tell, and is not failed for that.
    Future<Response> role = current.send(Request.cmd(Command.ROLE), connectMs, stepDeadlineMs)
      .recover(error -> RedisErrors.of(error).reason().endsWith("(NOPERM)")
        ? Future.succeededFuture(null) : Future.failedFuture(error));
    return Future.all(writable, role).compose(all -> {
      String actual = role.result() == null || role.result().size() == 0 ? "unknown" : role.result().get(0).toString();
      return "master".equals(actual) || "unknown".equals(actual) ? Future.<Void>succeededFuture() : Future.failedFuture(new CheckFailure(
        FailureKind.ERROR, "master " + masterName + " at " + current.address() + " answers as " + actual));
    }, error -> Future.failedFuture(RedisErrors.of(error)));
  }

  @Override
  public java.util.Collection<RedisNode> nodes() {
    List<RedisNode> all = new ArrayList<>(sentinels);
    all.add(master);
    return all;
  }

  @Override
  public Future<Void> reset() {
    List<Future<Void>> closing = new ArrayList<>();
    sentinels.forEach(s -> closing.add(s.reset()));
    closing.add(master.reset());
    return Future.join(closing).mapEmpty();
  }

  /** The database path of the master (e.g. {@code /2}) from a sentinel URL, empty for the default. */
  public static String databasePath(String url) {
    String path = URI.create(url).getPath();
    return path == null ? "" : path;
  }
}
