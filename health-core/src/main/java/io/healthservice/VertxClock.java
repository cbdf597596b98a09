package io.healthservice;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.time.Instant;
import java.util.Objects;

/** The production clock: {@link System#nanoTime()}, {@link Instant#now()} and Vert.x timers. */
final class VertxClock implements MonitorClock {

  private final Vertx vertx;

  VertxClock(Vertx vertx) {
    this.vertx = Objects.requireNonNull(vertx);
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long setTimer(long delayMs, Handler<Long> handler) {
    return vertx.setTimer(Math.max(1, delayMs), handler);
  }

  @Override
  public boolean cancelTimer(long id) {
    return vertx.cancelTimer(id);
  }
}
