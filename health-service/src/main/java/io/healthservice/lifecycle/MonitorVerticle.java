package io.healthservice.lifecycle;

import io.healthservice.HealthChecker;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Gives the checks their own event loop: checks and their timers run there, never on an HTTP loop. */
final class MonitorVerticle extends VerticleBase {

  private final HealthChecker checker;

  MonitorVerticle(HealthChecker checker) {
    this.checker = checker;
  }

  @Override
  public Future<?> start() {
    return checker.start();
  }

  @Override
  public Future<?> stop() {
    return checker.stop();
  }
}
