package io.healthservice.support;

import io.healthservice.DependencyCheck;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A custom check the way an application writes one, {@link DependencyCheck#of}, whose runs the test answers:
 * at once ({@link #healthy()}, {@link #failing(Throwable)}), by hand ({@link #succeed()}, {@link #fail}), or
 * never ({@link #manual()} and no answer: a hung dependency). The monitor reacts on the thread that answers.
 */
public final class HandCheck {

  private final String name;
  private final List<Promise<Void>> pings = new CopyOnWriteArrayList<>();
  /** null: wait for the test; SUCCESS: answer ok at once; else: fail at once with it. */
  private volatile Object atOnce;
  private static final Object SUCCESS = new Object();

  private HandCheck(String name) {
    this.name = name;
  }

  public static HandCheck named(String name) {
    return new HandCheck(name);
  }

  /** The check to hand to {@code HealthCheckerBuilder.check} or {@code .group}. */
  public DependencyCheck check() {
    return DependencyCheck.of(name, this::ping);
  }

  /** From now on every run succeeds as soon as it starts. */
  public HandCheck healthy() {
    atOnce = SUCCESS;
    return this;
  }

  /** From now on every run fails with {@code error} as soon as it starts. */
  public HandCheck failing(Throwable error) {
    atOnce = error;
    return this;
  }

  /** From now on runs wait for the test to answer them, or never end. */
  public HandCheck manual() {
    atOnce = null;
    return this;
  }

  /** Answers the latest run with success. */
  public void succeed() {
    latest().complete();
  }

  /** Answers the latest run with {@code error}. */
  public void fail(Throwable error) {
    latest().fail(error);
  }

  /** Runs started so far. */
  public int pings() {
    return pings.size();
  }

  private Future<Void> ping() {
    Promise<Void> ping = Promise.promise();
    pings.add(ping);
    Object answer = atOnce;
    if (answer == SUCCESS) {
      ping.complete();
    } else if (answer instanceof Throwable error) {
      ping.fail(error);
    }
    return ping.future();
  }

  private Promise<Void> latest() {
    if (pings.isEmpty()) {
      throw new IllegalStateException(name + " was never run");
    }
    return pings.get(pings.size() - 1);
  }
}
