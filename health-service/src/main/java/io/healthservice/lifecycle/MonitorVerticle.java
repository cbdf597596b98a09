package io.healthservice.lifecycle;

import io.healthservice.monitor.EventLoopWatch;
import io.healthservice.monitor.HealthMonitor;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/** Gives the monitor its own event loop: checks and their timers run there, never on an HTTP loop. */
final class MonitorVerticle extends VerticleBase {

  private final HealthMonitor monitor;
  private final EventLoopWatch watch;

  MonitorVerticle(HealthMonitor monitor, EventLoopWatch watch) {
    this.monitor = monitor;
    this.watch = watch;
  }

  @Override
  public Future<?> start() {
    watch.watchCurrentLoop(vertx, "monitor");
    return monitor.start();
  }

  @Override
  public Future<?> stop() {
    watch.unwatch("monitor");
    return monitor.stop();
  }
}
