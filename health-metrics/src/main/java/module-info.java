/**
 * A health checker's state as Prometheus metrics and the {@code /metrics} route:
 * {@link io.healthservice.metrics.HealthMetrics} (one call mounts it).
 */
module io.healthservice.metrics {
  requires transitive io.healthservice.core;
  requires transitive micrometer.core;
  requires transitive micrometer.registry.prometheus;
  requires io.prometheus.metrics.model;

  exports io.healthservice.metrics;
}
