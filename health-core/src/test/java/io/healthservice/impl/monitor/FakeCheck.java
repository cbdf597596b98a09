package io.healthservice.impl.monitor;

import io.healthservice.CheckContext;
import io.healthservice.DependencyCheck;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check whose pings the test answers by hand ({@link #succeed()}, {@link #fail(Throwable)}), or never,
 * to play a hung dependency. Counts pings, drops (failed or timed-out runs, as {@link CheckContext#ended()} tells) and closes; safe to read from any thread.
 */
final class FakeCheck implements DependencyCheck {

  private CheckContext lastContext;

  private final String name;
  private final List<Promise<Void>> pings = new CopyOnWriteArrayList<>();
  private final AtomicInteger drops = new AtomicInteger();
  private final AtomicInteger closes = new AtomicInteger();
  private volatile boolean answerAtOnce;
  private volatile RuntimeException toThrow;

  FakeCheck(String name) {
    this.name = name;
  }

  /** From now on every ping succeeds as soon as it starts. */
  FakeCheck healthy() {
    answerAtOnce = true;
    return this;
  }

  /** From now on pings wait for the test to answer them (or never end). */
  FakeCheck manual() {
    answerAtOnce = false;
    return this;
  }

  /** From now on {@link #ping} throws {@code error} instead of returning a future: a buggy check. */
  FakeCheck throwOnPing(RuntimeException error) {
    toThrow = error;
    return this;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String target() {
    return "fake://" + name;
  }

  @Override
  public Future<Void> ping(CheckContext context) {
    lastContext = context;
    // What a client-holding check does: drop its client when the monitor decided the run failed.
    context.ended().onFailure(e -> drops.incrementAndGet());
    Promise<Void> ping = Promise.promise();
    pings.add(ping);
    if (toThrow != null) {
      throw toThrow;
    }
    if (answerAtOnce) {
      ping.complete();
    }
    return ping.future();
  }

  /** What the monitor handed the latest run. */
  CheckContext lastContext() {
    return lastContext;
  }

  /** Answers the latest ping with success. */
  void succeed() {
    latest().complete();
  }

  /** Answers the latest ping with {@code error}. */
  void fail(Throwable error) {
    latest().fail(error);
  }

  /** Pings started so far. */
  int pings() {
    return pings.size();
  }

  /** Pings started and not answered (by the check; the monitor may have given up on them). */
  long unanswered() {
    return pings.stream().filter(p -> !p.future().isComplete()).count();
  }

  int drops() {
    return drops.get();
  }

  int closes() {
    return closes.get();
  }

  private Promise<Void> latest() {
    if (pings.isEmpty()) {
      throw new IllegalStateException(name + " was never pinged");
    }
    return pings.get(pings.size() - 1);
  }


  @Override
  public Future<Void> close() {
    closes.incrementAndGet();
    return Future.succeededFuture();
  }
}
