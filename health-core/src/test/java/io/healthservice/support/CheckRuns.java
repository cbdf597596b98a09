package io.healthservice.support;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.CheckWarning;
import io.healthservice.DependencyCheck;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a check's ping on a Vert.x context as the monitor would, with a deadline on every wait. */
public final class CheckRuns {

  private CheckRuns() {
  }

  /** The latest run's {@link CheckContext#ended()} per check, for {@link #drop}. */
  private static final Map<DependencyCheck, Promise<Void>> ENDED = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * A context for a run of {@code check} whose {@link CheckContext#ended()} stays pending (these helpers do
   * not decide runs, as the monitor does) until the test calls {@link #drop}.
   */
  public static CheckContext context(DependencyCheck check, Duration budget) {
    Promise<Void> ended = Promise.promise();
    ENDED.put(check, ended);
    return CheckContext.of(budget, ended.future());
  }

  /**
   * What the monitor does after a failed or timed-out run: fails the {@link CheckContext#ended()} of the
   * check's latest run from {@link #context}, so that a {@link io.healthservice.ClientCheck} drops its client.
   */
  public static Future<Void> drop(DependencyCheck check) {
    Promise<Void> ended = ENDED.remove(check);
    if (ended != null) {
      ended.tryFail(new CheckFailure(FailureKind.TIMEOUT, "given up by the test"));
    }
    return Future.succeededFuture();
  }

  /** The run, started on a context of {@code vertx}; its future completes as the ping does. */
  public static CompletableFuture<Void> start(Vertx vertx, DependencyCheck check, long budgetMs) {
    return start(vertx, check, context(check, Duration.ofMillis(budgetMs)));
  }

  /** What one run ended with: its reason (null when it passed) and what it reported through its context. */
  public record Outcome(String reason, List<CheckWarning> warnings, Optional<Instant> certificate,
                        Optional<String> server) {

    /** A run that reported no certificate and no server. */
    public Outcome(String reason, List<CheckWarning> warnings) {
      this(reason, warnings, Optional.empty(), Optional.empty());
    }

    /** The warnings' texts, as ?verbose shows them. */
    public List<String> texts() {
      return warnings.stream().map(CheckWarning::text).toList();
    }
  }

  /** One run, awaited (budget + 10 s), with what it reported. */
  public static Outcome run(Vertx vertx, DependencyCheck check, long budgetMs) throws Exception {
    CheckContext context = context(check, Duration.ofMillis(budgetMs));
    String reason;
    try {
      start(vertx, check, context).get(budgetMs + 10_000, TimeUnit.MILLISECONDS);
      reason = null;
    } catch (ExecutionException e) {
      reason = CheckFailure.of(e.getCause()).reason();
    }
    return new Outcome(reason, context.warnings(), context.certificate(), context.server());
  }

  private static CompletableFuture<Void> start(Vertx vertx, DependencyCheck check, CheckContext context) {
    Promise<Void> outcome = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> {
      Future<Void> ping;
      try {
        ping = check.ping(context);
      } catch (RuntimeException e) {
        ping = Future.failedFuture(e);
      }
      ping.onComplete(outcome);
    });
    return outcome.future().toCompletionStage().toCompletableFuture();
  }

  /** Runs the ping and returns null when it succeeded, else the reason the monitor would report. */
  public static String reason(Vertx vertx, DependencyCheck check, long budgetMs) throws Exception {
    try {
      start(vertx, check, budgetMs).get(budgetMs + 10_000, TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return CheckFailure.of(e.getCause()).reason();
    }
  }

  /** {@link #drop(DependencyCheck)} run on a context, awaited. */
  public static void drop(Vertx vertx, DependencyCheck check) throws Exception {
    Promise<Void> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> drop(check).onComplete(done));
    done.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Waits until the proxy holds no client connection; false when some are still open after {@code waitMs}. */
  public static boolean noConnections(TcpProxy proxy, long waitMs) throws InterruptedException {
    long end = System.nanoTime() + waitMs * 1_000_000;
    while (proxy.openConnections() > 0 && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    return proxy.openConnections() == 0;
  }

  /** Waits until the proxy holds at least one client connection, up to {@code waitMs}. */
  public static boolean someConnection(TcpProxy proxy, long waitMs) throws InterruptedException {
    long end = System.nanoTime() + waitMs * 1_000_000;
    while (proxy.openConnections() == 0 && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    return proxy.openConnections() > 0;
  }
}
