package io.healthservice.lifecycle;

import io.healthservice.config.ConfigException;
import io.healthservice.config.ConfigReader;
import io.healthservice.config.ServiceConfig;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.healthservice.metrics.HealthMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import sun.misc.Signal;

import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * Entry point of {@code java -jar health-service.jar}.
 *
 * <p>Exit codes: 0 after a graceful shutdown, 1 when the service cannot start (e.g. the port is taken),
 * 2 when a setting is invalid (one line on stderr names it). {@code --check-config} only validates the
 * configuration and prints its checks: 0 or 2.
 */
public final class Main {

  private static final Logger LOG = Logger.getLogger("health.main");
  /** How often the configuration file is compared with what was last read. */
  private static final long CONFIG_WATCH_MILLIS = 2000;

  private Main() {
  }

  public static void main(String[] args) {
    LogFormat.install();
    if (args.length > 0) {
      // --check-config: validate and print, no server, no connection. Anything else is a mistake, not ignored.
      boolean check = args.length == 1 && args[0].equals("--check-config");
      if (!check) {
        System.err.println("health-service: unknown arguments (the only one is --check-config)");
      }
      System.exit(check ? ConfigCheck.run(System.getenv(), System.out, System.err) : 2);
      return;
    }
    PrometheusMeterRegistry registry = HealthMetrics.newRegistry();
    Vertx vertx = ServiceVertx.create(registry);
    ServiceConfig config;
    try {
      config = ConfigReader.read(vertx, System.getenv()).toCompletionStage().toCompletableFuture().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof ConfigException invalid) {
        System.err.println("health-service: invalid configuration: " + invalid.getMessage());
        vertx.close();
        System.exit(2);
      }
      System.err.println("health-service: cannot read configuration: " + e.getCause().getClass().getSimpleName());
      vertx.close();
      System.exit(2);
      return;
    }
    // The handlers go in before anything listens: a probe can see ready (and Kubernetes send SIGTERM) as soon
    // as the first HTTP instance binds, before this thread returns from the start.
    Promise<HealthService> started = Promise.promise();
    GracefulShutdown.install(vertx, started.future(), config.drain());
    // SIGHUP reloads (as systemd's ExecReload=kill -HUP $MAINPID expects); it never ends the process.
    Signal.handle(new Signal("HUP"), signal -> {
      if (started.future().succeeded()) {
        started.future().result().reload("SIGHUP");
      } else {
        // The HTTP port may answer before every instance has started: the reload waits for the start, not dropped.
        LOG.info("SIGHUP during the start: reloading once started");
        started.future().onSuccess(service -> service.reload("SIGHUP"));
      }
    });
    try {
      HealthService.start(vertx, config, BuildInfo.load(), registry).onComplete(started)
        .toCompletionStage().toCompletableFuture().join();
    } catch (RuntimeException e) {
      // A failed start (CompletionException), or one that threw before it could return a future.
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      String why = cause instanceof java.net.BindException
        ? "cannot listen on " + config.http().host() + ":" + config.http().port() + " (address in use?)"
        : cause.getClass().getSimpleName();
      System.err.println("health-service: failed to start: " + why);
      vertx.close();
      System.exit(1);
      return;
    }
    started.future().result().enableReload(System.getenv(), CONFIG_WATCH_MILLIS);
    LOG.info("started; drain on SIGTERM: " + config.drain().toMillis() + " ms; reload on SIGHUP or a change of the file");
  }
}
