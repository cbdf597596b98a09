package io.healthservice.metrics;

import io.healthservice.HealthChecker;
import io.healthservice.HealthStatus;
import io.healthservice.Readiness;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The service's own series: its build, its aggregate status, and the runs the cap on runs in flight holds back. */
final class ServiceMeters {

  private ServiceMeters() {
  }

  static void register(MeterRegistry registry, HealthChecker checker, String service, String version) {
    Gauge.builder("health.build.info", () -> 1)
      .description("Build of the health service: its version and the service it watches")
      .tags("version", version, "service", service)
      .register(registry);
    Gauge.builder("health.status", checker, c -> value(Readiness.status(c.snapshot(), c.clock().nanoTime())))
      .description("Aggregate status: 1 ok, 0.5 degraded, 0 error")
      .register(registry);
    // A cap that is too low for the checks (or many hung dependencies) shows as runs waiting, and late results.
    Gauge.builder("health.check.runs.waiting", checker, HealthChecker::runsWaiting)
      .description("Check runs waiting for a slot under the cap on runs in flight (max_runs_in_flight), now")
      .register(registry);
    FunctionCounter.builder("health.check.runs.delayed", checker, HealthChecker::runsDelayed)
      .description("Check runs that waited for a slot under the cap on runs in flight, since start")
      .register(registry);
  }

  static double value(HealthStatus status) {
    return switch (status) {
      case OK -> 1.0;
      case DEGRADED -> 0.5;
      case ERROR -> 0.0;
    };
  }
}
