package io.healthservice.mongodb;

import com.mongodb.ConnectionString;
import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.FailureKind;
import io.healthservice.kit.PeerCertificates;
import io.healthservice.kit.Secrets;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * MongoDB: the {@code hello} command through a vertx-mongo-client kept across runs. With {@code replicaSet} in the
 * URL the driver sends it to the primary: when its monitors see members of the set but none is primary within the
 * server-selection time (three quarters of the budget, which rides out a quick election) the run is down with
 * {@code no primary}, and members of another set with {@code replica set name mismatch}. With one host and no
 * {@code replicaSet} the driver talks to that member whatever it is; {@code expectWritable} then needs its
 * {@code isWritablePrimary}. Only what MongoDB 4.2+ answers is read: {@code hello}, never {@code isMaster}.
 *
 * <p>A run that failed or timed out drops the client (and its sockets and monitor threads); the next run opens
 * another.
 */
public final class MongoCheck extends ClientCheck<MongoSession> {

  private static final JsonObject HELLO = new JsonObject().put("hello", 1);

  private final Vertx vertx;
  private final MongoTarget target;
  private final ConnectionString url;
  private final PeerCertificates peers = new PeerCertificates();

  public MongoCheck(Vertx vertx, String name, MongoTarget target) {
    super(name, Secrets.maskUrl(Objects.requireNonNull(target, "target").target().url()));
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.target = target;
    this.url = MongoUrl.parse(target.target().url(), target.target().password().isPresent());
  }

  @Override
  public String componentType() {
    return "datastore";
  }

  @Override
  protected MongoSession open(CheckContext context) {
    return MongoSession.open(vertx, target.target(), url, peers, (int) context.shareMillis(75), context.clientLimitMillis());
  }

  @Override
  protected Future<Void> ping(MongoSession session, CheckContext context) {
    String replicaSet = url.getRequiredReplicaSetName();
    return session.client()
      .compose(client -> client.runCommand("hello", HELLO.copy()))
      .recover(e -> Future.failedFuture(MongoErrors.classify(e, session.servers().descriptions(), replicaSet)))
      .compose(reply -> {
        CheckFailure failure = judge(reply, replicaSet, target.expectWritable());
        if (failure != null) {
          return Future.failedFuture(failure);
        }
        peers.notAfter().ifPresent(context::certificate);
        return Future.succeededFuture();
      });
  }

  /** The decision on a {@code hello} reply: {@code null} when healthy. Package-private for a test with a document. */
  static CheckFailure judge(JsonObject reply, String replicaSet, boolean expectWritable) {
    if (reply == null || !isTrue(reply.getValue("ok"))) {
      return new CheckFailure(FailureKind.ERROR, "unexpected reply to hello");
    }
    if (replicaSet != null) {
      if (!replicaSet.equals(reply.getValue("setName"))) {
        return new CheckFailure(FailureKind.ERROR, "replica set name mismatch");
      }
      if (!(reply.getValue("primary") instanceof String primary) || primary.isEmpty()) {
        return new CheckFailure(FailureKind.ERROR, "no primary");
      }
    }
    if (expectWritable && !isTrue(reply.getValue("isWritablePrimary"))) {
      return new CheckFailure(FailureKind.ERROR, "member is not the writable primary");
    }
    return null;
  }

  /** {@code true}, or a number 1 ({@code ok: 1.0}). */
  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || value instanceof Number n && n.doubleValue() == 1.0;
  }

  @Override
  protected Future<Void> release(MongoSession session) {
    return session.close();
  }
}
