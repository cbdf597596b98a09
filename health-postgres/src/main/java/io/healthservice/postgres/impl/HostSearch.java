package io.healthservice.postgres.impl;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * libpq's walk over a host list, one host at a time, the first that matches {@code target_session_attrs}
 * winning. A host already in use is asked first (its pooled connection is cheap); if it no longer matches
 * the others are tried in the URL's order, so a check follows a switchover on its next run. For
 * {@code prefer-standby}, libpq's second pass ("any") reuses the answers of the first instead of asking again.
 * Kept apart from the pools so the logic can be tested over fake answers.
 */
public final class HostSearch {

  /** The host chosen and what it said of itself ({@code null} when {@code any} did not ask). */
  public record Choice(int index, ServerRole role) {
  }

  private final List<PostgresHost> hosts;
  private final SessionAttrs attrs;

  public HostSearch(List<PostgresHost> hosts, SessionAttrs attrs) {
    this.hosts = List.copyOf(hosts);
    this.attrs = attrs;
  }

  /**
   * @param inUse the host chosen by the previous run, or -1
   * @param probe asks host {@code i} its role (a null role for {@code any}); fails as the connection did
   * @return the choice, or a {@link CheckFailure} that names the attribute and each host's answer
   */
  public Future<Choice> find(int inUse, IntFunction<Future<ServerRole>> probe) {
    List<Integer> order = new ArrayList<>();
    if (inUse >= 0 && inUse < hosts.size()) {
      order.add(inUse);
    }
    for (int i = 0; i < hosts.size(); i++) {
      if (i != inUse) {
        order.add(i);
      }
    }
    Object[] answers = new Object[hosts.size()];
    return step(order, 0, answers, probe);
  }

  private Future<Choice> step(List<Integer> order, int position, Object[] answers, IntFunction<Future<ServerRole>> probe) {
    if (position == order.size()) {
      return none(answers);
    }
    int index = order.get(position);
    return probe.apply(index).transform(ar -> {
      if (ar.succeeded() && attrs.accepts(ar.result())) {
        return Future.succeededFuture(new Choice(index, ar.result()));
      }
      answers[index] = ar.succeeded() ? ar.result() : PostgresErrors.of(ar.cause());
      return step(order, position + 1, answers, probe);
    });
  }

  /** After every host: prefer-standby's second pass, or the reason. */
  private Future<Choice> none(Object[] answers) {
    if (attrs == SessionAttrs.PREFER_STANDBY) {
      for (int i = 0; i < answers.length; i++) {
        if (answers[i] instanceof ServerRole role) {
          return Future.succeededFuture(new Choice(i, role));
        }
      }
    }
    if (hosts.size() == 1 && answers[0] instanceof CheckFailure failure) {
      return Future.failedFuture(failure); // one host: the reason a single-host check has always given
    }
    StringBuilder reason = new StringBuilder("no host is ").append(attrs.wanted()).append(": ");
    FailureKind kind = null;
    boolean mixed = false;
    for (int i = 0; i < answers.length; i++) {
      reason.append(i == 0 ? "" : ", ").append(hosts.get(i)).append(' ');
      if (answers[i] instanceof CheckFailure failure) {
        reason.append(failure.kind() == FailureKind.REFUSED && failure.reason().equals("connection refused")
          ? "refused" : failure.reason());
        mixed |= kind != null && kind != failure.kind();
        kind = failure.kind();
      } else {
        reason.append(((ServerRole) answers[i]).words());
        mixed = true;
      }
    }
    return Future.failedFuture(new CheckFailure(mixed || kind == null ? FailureKind.ERROR : kind, reason.toString()));
  }
}
