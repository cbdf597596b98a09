package io.healthservice.lifecycle;

import io.healthservice.HealthChecker;
import io.healthservice.config.ConfigException;
import io.healthservice.config.ConfigReader;
import io.healthservice.config.HealthConfig;
import io.healthservice.config.ServiceConfig;
import io.healthservice.spi.CheckDefinition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Reload without a restart: the file and the environment are read and validated as at start, and the checks'
 * difference applied live ({@link HealthChecker#replaceChecks}); an invalid configuration changes nothing and
 * is named in one log line. Settings a running process cannot change (where it listens, gRPC's port, the
 * drain, who sees details, notifications) are named in a log line and wait for the next start. One reload at
 * a time: a trigger during a reload runs one more after it.
 */
final class ConfigReload {

  private static final Logger LOG = Logger.getLogger("health.reload");

  private final Vertx vertx;
  private final HealthChecker checker;
  private final String version;
  private final Map<String, String> env;
  private HealthConfig current;
  private boolean running;
  private String queued;
  private final AtomicLong successful = new AtomicLong(1);
  private final AtomicLong lastSuccessSeconds = new AtomicLong(System.currentTimeMillis() / 1000);

  ConfigReload(Vertx vertx, HealthChecker checker, String version, HealthConfig current, Map<String, String> env,
               MeterRegistry registry) {
    this.vertx = Objects.requireNonNull(vertx);
    this.checker = Objects.requireNonNull(checker);
    this.version = Objects.requireNonNull(version);
    this.current = Objects.requireNonNull(current);
    this.env = Map.copyOf(env);
    // As Prometheus' own prometheus_config_last_reload_successful and ..._success_timestamp_seconds.
    Gauge.builder("health.config.last.reload.successful", successful, AtomicLong::get)
      .description("Whether the last configuration reload succeeded (1) or was refused (0)").register(registry);
    Gauge.builder("health.config.last.reload.success.timestamp.seconds", lastSuccessSeconds, AtomicLong::get)
      .description("When the configuration was last loaded successfully (start or reload), in Unix seconds")
      .register(registry);
  }

  /** Reloads now (or after the reload in progress); {@code trigger} is named in the log ("SIGHUP", "file change"). */
  synchronized void request(String trigger) {
    if (running) {
      queued = trigger;
      return;
    }
    running = true;
    LOG.info("reloading the configuration (" + trigger + ")");
    ConfigReader.read(vertx, env)
      .compose(this::apply)
      .onComplete(ar -> finished(trigger, ar.cause()));
  }

  private Future<Void> apply(ServiceConfig next) {
    HealthConfig previous = current;
    HealthConfig replacement = HealthConfig.of(next);
    List<String> later = notLive(previous.settings(), next);
    if (!later.isEmpty()) {
      LOG.warning("reload: " + String.join(", ", later) + " changed; this takes effect at the next start");
    }
    String changes = changes(previous.settings().checks(), next.checks());
    return checker.replaceChecks(replacement.reloadBuilder(vertx, version, previous)).onSuccess(v -> {
      replacement.applyMaintenanceWindows();
      current = replacement;
      LOG.info("configuration reloaded: " + next.checks().size() + " checks" + changes);
    });
  }

  private synchronized void finished(String trigger, Throwable failure) {
    running = false;
    if (failure == null) {
      successful.set(1);
      lastSuccessSeconds.set(System.currentTimeMillis() / 1000);
    } else {
      successful.set(0);
      // A ConfigException names the setting and never holds a secret's value; anything else only by its type.
      String why = failure instanceof ConfigException invalid ? invalid.getMessage() : failure.getClass().getSimpleName();
      LOG.warning("reload refused (" + trigger + "), the running configuration stays: " + why);
    }
    String again = queued;
    queued = null;
    if (again != null) {
      request(again);
    }
  }

  /** What a running process keeps until it restarts. */
  private static List<String> notLive(ServiceConfig before, ServiceConfig after) {
    List<String> keys = new ArrayList<>();
    if (!before.http().equals(after.http())) {
      keys.add("http");
    }
    if (!before.grpc().equals(after.grpc())) {
      keys.add("grpc");
    }
    if (!before.drain().equals(after.drain())) {
      keys.add("shutdown.drain");
    }
    if (!before.serviceName().equals(after.serviceName())) {
      keys.add("service.name");
    }
    if (!before.details().equals(after.details())) {
      keys.add("details");
    }
    if (!before.notifications().equals(after.notifications())) {
      keys.add("notifications");
    }
    if (before.scale().maxRunsInFlight() != after.scale().maxRunsInFlight()) {
      keys.add("monitor.max_runs_in_flight");
    }
    if (before.scale().checkHistograms() != after.scale().checkHistograms()) {
      keys.add("metrics.check_histograms");
    }
    if (!before.history().equals(after.history())) {
      keys.add("history");
    }
    return keys;
  }

  /** "; added [x], removed [y], changed [z]" by entry name; empty when no entry changed. */
  private static String changes(List<CheckDefinition> before, List<CheckDefinition> after) {
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (CheckDefinition next : after) {
      before.stream().filter(b -> b.name().equals(next.name())).findFirst().ifPresentOrElse(
        old -> {
          if (!old.equals(next)) {
            changed.add(next.name());
          }
        }, () -> added.add(next.name()));
    }
    List<String> removed = before.stream().map(CheckDefinition::name)
      .filter(name -> after.stream().noneMatch(a -> a.name().equals(name))).toList();
    String text = (added.isEmpty() ? "" : ", added " + added) + (removed.isEmpty() ? "" : ", removed " + removed)
      + (changed.isEmpty() ? "" : ", changed " + changed);
    return text.isEmpty() ? "; no check changed" : ";" + text.substring(1);
  }
}
