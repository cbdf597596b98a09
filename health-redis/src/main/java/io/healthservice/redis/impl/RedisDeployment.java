package io.healthservice.redis.impl;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;

/** How the Redis check reaches its servers: one server, a master found through sentinels, or a cluster. */
public interface RedisDeployment {

  /** Succeeds when the deployment can serve; fails with a {@link CheckFailure} that names the failing node. */
  Future<Void> ping(CheckContext context);

  /** Drops every connection; the next ping reconnects. */
  Future<Void> reset();

  /** Every node this deployment talks to, for the per-run connection-age rule. */
  java.util.Collection<RedisNode> nodes();

  /** One failure for several nodes' failures: the worst kind, every node's reason. */
  static CheckFailure combine(String prefix, List<CheckFailure> failures) {
    FailureKind kind = failures.stream().map(CheckFailure::kind)
      .reduce((a, b) -> a == FailureKind.TIMEOUT || b == FailureKind.TIMEOUT ? FailureKind.TIMEOUT
        : a == FailureKind.REFUSED && b == FailureKind.REFUSED ? FailureKind.REFUSED : FailureKind.ERROR)
      .orElse(FailureKind.ERROR);
    StringBuilder reason = new StringBuilder(prefix);
    for (CheckFailure failure : failures) {
      reason.append(reason.length() == prefix.length() ? "" : "; ").append(failure.reason());
    }
    return new CheckFailure(kind, reason.toString());
  }

  /** The first attempt that succeeds; when all fail, one failure listing them (prefixed by {@code prefix}). */
  static <T> Future<T> firstSuccess(List<Future<T>> attempts, String prefix) {
    Promise<T> first = Promise.promise();
    List<CheckFailure> failures = new ArrayList<>();
    for (Future<T> attempt : attempts) {
      attempt.onComplete(ar -> {
        if (ar.succeeded()) {
          first.tryComplete(ar.result());
        } else {
          failures.add(RedisErrors.of(ar.cause()));
          if (failures.size() == attempts.size()) {
            first.tryFail(combine(prefix, failures));
          }
        }
      });
    }
    return first.future();
  }
}
