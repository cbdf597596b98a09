package io.healthservice.support;

import io.healthservice.CheckContext;
import io.healthservice.DependencyCheck;
import io.healthservice.impl.checks.Failures;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a check's ping on a Vert.x context as the monitor would, with a deadline on every wait. */
public final class CheckRuns {

  private CheckRuns() {
  }

  /** The run, started on a context of {@code vertx}; its future completes as the ping does. */
  public static CompletableFuture<Void> start(Vertx vertx, DependencyCheck check, long budgetMs) {
    return start(vertx, check, CheckContext.of(Duration.ofMillis(budgetMs)));
  }

  /** What one run ended with: its reason (null when it passed) and the warnings it recorded. */
  public record Outcome(String reason, java.util.List<String> warnings) {
  }

  /** One run, awaited (budget + 10 s), with its warnings. */
  public static Outcome run(Vertx vertx, DependencyCheck check, long budgetMs) throws Exception {
    CheckContext context = CheckContext.of(Duration.ofMillis(budgetMs));
    try {
      start(vertx, check, context).get(budgetMs + 10_000, TimeUnit.MILLISECONDS);
      return new Outcome(null, context.warnings());
    } catch (ExecutionException e) {
      return new Outcome(Failures.classify(e.getCause()).reason(), context.warnings());
    }
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
      return Failures.classify(e.getCause()).reason();
    }
  }

  /** {@code reset()} run on a context, awaited. */
  public static void reset(Vertx vertx, DependencyCheck check) throws Exception {
    Promise<Void> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> check.reset().onComplete(done));
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
