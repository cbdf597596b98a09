package io.healthservice.support;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One event loop a test drives a checker from: the checker must start on an event loop, and the monitor keeps its
 * state on one thread, so the test starts it, advances its clock and answers its checks here, one step at a time.
 */
public final class Loop {

  private final Context context;

  public Loop(Vertx vertx) {
    this.context = vertx.getOrCreateContext();
  }

  /** Runs {@code step} on the loop and waits (at most 5 s) until it has returned; its exception is rethrown. */
  public void run(Runnable step) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        step.run();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    });
    try {
      done.get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new AssertionError("a step on the event loop did not end within 5 s", e);
    }
  }

  /** {@code action} on the loop, then its future awaited for at most 5 s. */
  public <T> T await(java.util.function.Supplier<io.vertx.core.Future<T>> action) {
    CompletableFuture<T> result = new CompletableFuture<>();
    run(() -> action.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    try {
      return result.get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the future did not succeed within 5 s", e);
    }
  }
}
