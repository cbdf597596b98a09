package io.healthservice.lifecycle;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import sun.misc.Signal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * What Kubernetes needs during a rolling update. On the first SIGTERM (or SIGINT) readiness turns 503 at
 * once while liveness stays 200 and the server keeps answering for the drain period, so load balancers
 * take the pod out before it stops accepting. Then the server closes, the checks' pools close and the
 * process exits 0. A second signal exits at once.
 */
final class GracefulShutdown {

  private static final Logger LOG = Logger.getLogger("health.shutdown");
  /** Time allowed after the drain for closing servers and pools. */
  static final Duration CLOSE_BUDGET = Duration.ofSeconds(4);

  private GracefulShutdown() {
  }

  /**
   * Installs the handlers. {@code started} may still be pending: a signal during the start waits for it
   * (at most {@link #CLOSE_BUDGET}), then drains as usual; a start that does not finish by then exits 143
   * (one that fails is Main's to report).
   */
  static void install(Vertx vertx, Future<HealthService> started, Duration drain) {
    AtomicInteger signals = new AtomicInteger();
    Runnable onSignal = () -> {
      if (signals.incrementAndGet() > 1) {
        LOG.warning("second signal: exiting now");
        Runtime.getRuntime().halt(143);
      }
      Thread thread = new Thread(() -> drainAndExit(vertx, started, drain), "graceful-shutdown");
      thread.setDaemon(false);
      thread.start();
    };
    Signal.handle(new Signal("TERM"), signal -> onSignal.run());
    Signal.handle(new Signal("INT"), signal -> onSignal.run());
  }

  private static void drainAndExit(Vertx vertx, Future<HealthService> started, Duration drain) {
    HealthService service;
    try {
      service = started.toCompletionStage().toCompletableFuture().get(CLOSE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException startFailed) {
      return; // Main reports the failed start and exits 1
    } catch (Exception e) {
      LOG.warning("signal before the service started; exiting");
      Runtime.getRuntime().halt(143);
      return;
    }
    service.checker().startDraining();
    LOG.info("draining: readiness is 503, still serving for " + drain.toMillis() + " ms");
    try {
      Thread.sleep(drain.toMillis());
      service.stop().toCompletionStage().toCompletableFuture().get(CLOSE_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
      LOG.info("stopped");
    } catch (Exception e) {
      LOG.warning("shutdown did not finish in time (" + e.getClass().getSimpleName() + "); exiting anyway");
    }
    System.exit(0);
  }
}
