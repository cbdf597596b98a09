package io.healthservice.metrics;

import io.healthservice.HealthChecker;
import io.healthservice.ProbeRoutes;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Objects;

/**
 * A {@link HealthChecker}'s state as Prometheus metrics ({@code health_status}, {@code health_check_status},
 * {@code health_check_duration_seconds}, {@code health_check_failures_total}, ...) and the {@code GET /metrics}
 * route that serves them, with the process and JVM meters. One call mounts it all:
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = HealthMetrics.newRegistry();
 * HealthMetrics metrics = HealthMetrics.mount(router, health, registry, "ai-chatrooms", "1.4.2");
 * ...
 * metrics.close(); // at stop
 * }</pre>
 *
 * <p>A scrape reads meters only: gauges read the checker's latest snapshot, counters and timers are fed by its
 * results as a listener; no scrape causes dependency I/O. Label values are check names and a closed set of
 * reasons, never URLs or hosts. Give the same registry to Vert.x ({@code MicrometerMetricsFactory}, from
 * vertx-micrometer-metrics) and its HTTP and pool meters are served on the same route.
 */
public final class HealthMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final Handler<RoutingContext> endpoint;
  private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
  private boolean jvmBound;

  private final CheckMeters checks;

  private HealthMetrics(PrometheusMeterRegistry registry, CheckMeters checks) {
    this.registry = registry;
    this.checks = checks;
    this.endpoint = ProbeRoutes.readOnly(new MetricsEndpoint(registry));
  }

  /**
   * A registry for these meters and any of the application's. Its filters keep host names out of labels (Vert.x
   * names HTTP-client pools after host:port) and drop two meters whose names Prometheus' lint rejects.
   */
  public static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config()
      .meterFilter(MeterFilter.deny(id -> "http".equals(id.getTag("pool_type"))))
      .meterFilter(MeterFilter.deny(id -> id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
    return registry;
  }

  /**
   * The one call: {@code checker}'s meters and the JVM's in {@code registry}, and {@code GET}/{@code HEAD /metrics}
   * on {@code router}. Call after building the checker (its checks are known then), before or after its start.
   *
   * @param service and {@code version}: the labels of {@code health_build_info}
   */
  public static HealthMetrics mount(Router router, HealthChecker checker, PrometheusMeterRegistry registry,
                                    String service, String version) {
    return create(checker, registry, service, version).bindJvmMetrics().addTo(router);
  }

  /**
   * As {@link #mount}, in steps: {@code checker}'s meters only (one checker per registry: its per-check series are a
   * Prometheus collector registered in it, and a second one is refused); the JVM's with {@link #bindJvmMetrics()} and the
   * route with {@link #addTo(Router)}, e.g. to start the checks before loading the JMX classes, or to add the
   * route to several routers.
   */
  public static HealthMetrics create(HealthChecker checker, PrometheusMeterRegistry registry, String service,
                                     String version) {
    return create(checker, registry, service, version, false);
  }

  /**
   * As {@link #create(HealthChecker, PrometheusMeterRegistry, String, String)}, with {@code checkHistograms}: each
   * check's run durations as a histogram ({@code health_check_duration_seconds_bucket}, 13 buckets, about 1 KB of
   * /metrics per check) rather than the default count, sum and max (about 200 bytes), for per-check quantiles.
   */
  public static HealthMetrics create(HealthChecker checker, PrometheusMeterRegistry registry, String service,
                                     String version, boolean checkHistograms) {
    Objects.requireNonNull(checker, "checker");
    Objects.requireNonNull(registry, "registry");
    CheckMeters checks = new CheckMeters(registry, checker, Objects.requireNonNull(service, "service"),
      Objects.requireNonNull(version, "version"), checkHistograms);
    checker.addListener(checks);
    return new HealthMetrics(registry, checks);
  }

  /** Process and JVM meters (uptime, memory, GC, threads, classes, CPU, file descriptors); once, later calls do nothing. */
  public synchronized HealthMetrics bindJvmMetrics() {
    if (!jvmBound) {
      jvmBound = true;
      new UptimeMetrics().bindTo(registry);
      new JvmMemoryMetrics().bindTo(registry);
      gcMetrics.bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new FileDescriptorMetrics().bindTo(registry);
    }
    return this;
  }

  /**
   * {@code /metrics} on {@code router}: the Prometheus text format, or OpenMetrics for
   * {@code Accept: application/openmetrics-text}, with {@code Cache-Control: no-store}; as the probes, {@code GET}
   * and {@code HEAD} answer it, {@code OPTIONS} its {@code Allow} header, any other method 405; gzip-compressed
   * when the scraper accepts it (Prometheus does), as thousands of checks make megabytes of text.
   */
  public HealthMetrics addTo(Router router) {
    router.route("/metrics").handler(endpoint);
    return this;
  }

  /** Stops the GC meters' notifications and takes the per-check series off; the registry and the checker stay the caller's. */
  @Override
  public void close() {
    gcMetrics.close();
    checks.close();
  }
}
