package io.healthservice.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs a check's call on a Vert.x context, as the monitor does, and hands the test a future with deadlines. */
public final class OnContext {

  private OnContext() {
  }

  /** {@code call} started on a fresh event-loop context; the result completes from that context. */
  public static <T> CompletableFuture<T> start(Vertx vertx, Supplier<? extends Future<T>> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> {
      try {
        call.get().onComplete(ar -> {
          if (ar.succeeded()) {
            result.complete(ar.result());
          } else {
            result.completeExceptionally(ar.cause());
          }
        });
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    });
    return result;
  }

  /** Waits at most 10 s for {@code call}; its failure is rethrown as the cause of an ExecutionException. */
  public static <T> T await(Vertx vertx, Supplier<? extends Future<T>> call) throws Exception {
    return start(vertx, call).get(10, TimeUnit.SECONDS);
  }

  /** The failure {@code call} ended with, within 10 s; fails the test if it succeeded. */
  public static Throwable failure(Vertx vertx, Supplier<? extends Future<?>> call) throws Exception {
    try {
      start(vertx, () -> call.get().<Object>map(x -> x)).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure, but the call succeeded");
  }
}
