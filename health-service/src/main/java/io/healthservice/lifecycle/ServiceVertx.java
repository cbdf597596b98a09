package io.healthservice.lifecycle;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

/** The Vert.x instance the service runs on, with its HTTP and pool metrics in the given registry. */
public final class ServiceVertx {

  private ServiceVertx() {
  }

  public static Vertx create(PrometheusMeterRegistry registry) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
      .setEnabled(true)
      // No REMOTE/LOCAL/HTTP_PATH labels: no hosts in labels, and a path scanner cannot explode cardinality.
      .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME, Label.NAMESPACE))
      // Without the remote label the raw TCP-client series of the three clients collide; the pool and
      // HTTP-client series already show the dependencies' connections.
      .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
      // Per-request server meters (a timer lookup by method and code, byte counters per read) were most of
      // what a probe cost beyond a bare server; the probes' own series (health_*) say what callers were told.
      .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
      .addDisabledMetricsCategory(MetricsDomain.NET_SERVER);
    VertxOptions options = new VertxOptions()
      .setMetricsOptions(metrics)
      // One loop per HTTP instance (one per core) and one for the monitor, not Vert.x's two per core:
      // Netty 4.2 wakes every idle loop once a second, so an unused loop still costs idle CPU.
      .setEventLoopPoolSize(eventLoops())
      // Vert.x's pools start a thread per task until they hold 20 (a thread pool's core size): the file watch
      // reads the configuration every 2 s on the internal pool, so 20 idle threads after 40 s. A few do.
      .setInternalBlockingPoolSize(4)
      .setWorkerPoolSize(8)
      // The service never blocks; warn early if something does.
      .setMaxEventLoopExecuteTime(200)
      .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
    return Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  /** HTTP instances (one per core, see HealthService) plus the monitor's own loop. */
  static int eventLoops() {
    return Math.max(1, Runtime.getRuntime().availableProcessors()) + 1;
  }
}
