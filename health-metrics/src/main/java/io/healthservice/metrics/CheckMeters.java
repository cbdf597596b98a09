package io.healthservice.metrics;

import io.healthservice.CertificateExpiry;
import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.CheckWarning;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.HealthChecker;
import io.healthservice.HealthStatus;
import io.healthservice.MonitorListener;
import io.healthservice.Readiness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The health state as meters (the listener behind {@link HealthMetrics}). Counters and timers are fed by the
 * monitor's results; gauges read the latest snapshot when scraped, so a scrape never causes dependency I/O and
 * staleness shows at once. Label values are check names and a closed set of reasons, never URLs or hosts.
 */
final class CheckMeters implements MonitorListener {

  /** Buckets for check latency: from a local Redis PING to a slow LLM API at its timeout. */
  private static final Duration[] BUCKETS = {
    Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
    Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final Map<String, Timer> durations = new HashMap<>();
  private final Map<String, Map<FailureKind, Counter>> failures = new HashMap<>();
  private final Map<String, Counter> stateChanges = new HashMap<>();
  private final MeterRegistry registry;
  private final HealthChecker monitor;
  private final Set<String> certificateGauges = new HashSet<>();
  private final Set<String> warningGauges = new HashSet<>();

  /** Gauges over {@code monitor}'s snapshot; register this as its listener for the counters and timers. */
  CheckMeters(MeterRegistry registry, HealthChecker monitor, String service, String version) {
    this.registry = registry;
    this.monitor = monitor;
    Gauge.builder("health.build.info", () -> 1)
      .description("Build of the health service: its version and the service it watches")
      .tags("version", version, "service", service)
      .register(registry);
    Gauge.builder("health.status", monitor, m -> value(Readiness.status(m.snapshot(), m.clock().nanoTime())))
      .description("Aggregate status: 1 ok, 0.5 degraded, 0 error")
      .register(registry);
    for (DependencyGroup group : monitor.snapshot().groups()) {
      for (String check : group.checks()) {
        register(group, check);
      }
    }
  }

  /** Every series of one check; again for a check a reload added, at its first result. */
  private void register(DependencyGroup group, String check) {
    // group and critical let one alert rule cover every critical (or non-critical) check.
    Gauge.builder("health.check.status", monitor, m -> state(m, check).map(s -> s.isUp(m.clock().nanoTime()) ? 1 : 0).orElse(0))
      .description("1 when the check is up and its result fresh, else 0")
      .tags("check", check, "group", group.name(), "critical", Boolean.toString(group.critical()))
      .register(registry);
    perCheck(registry, check);
    // Works, but an operator should look: a replica refusing writes, a Sentinel set without quorum.
    Gauge.builder("health.check.warnings", monitor, m -> state(m, check).map(s -> s.warnings().size()).orElse(0))
      .description("Warnings of the check's latest successful run (0 when none); the texts are in ?verbose")
      .tags("check", check)
      .register(registry);
  }

  /** A check's state; empty for one a reload just removed, whose series go with {@link #onRemoved}. */
  private static java.util.Optional<CheckState> state(HealthChecker checker, String check) {
    return java.util.Optional.ofNullable(checker.snapshot().checks().get(check));
  }

  /** Registers the series of a check first seen now (added by a reload). */
  private void ensure(String check) {
    if (durations.containsKey(check)) {
      return;
    }
    monitor.snapshot().groups().stream().filter(g -> g.checks().contains(check)).findFirst()
      .ifPresent(group -> register(group, check));
  }

  private void perCheck(MeterRegistry registry, String check) {
    durations.put(check, Timer.builder("health.check.duration")
      .description("Duration of each check run, timeouts included")
      .tag("check", check)
      .serviceLevelObjectives(BUCKETS)
      .register(registry));
    Map<FailureKind, Counter> byKind = new EnumMap<>(FailureKind.class);
    for (FailureKind kind : FailureKind.values()) {
      // Registered up front so every series exists at 0 and rate() works from the first failure.
      byKind.put(kind, Counter.builder("health.check.failures")
        .description("Failed check runs by reason")
        .tags("check", check, "reason", kind.label())
        .register(registry));
    }
    failures.put(check, byKind);
    stateChanges.put(check, Counter.builder("health.state.changes")
      .description("Changes of a check's reported state (ok/down/stale); many of them mean flapping")
      .tag("check", check)
      .register(registry));
  }

  /**
   * Registered at a check's first TLS handshake, so checks without TLS have no series (rather than NaN).
   * Alert on {@code health_check_certificate_expiry_timestamp_seconds - time()}.
   */
  private void certificateGauge(String check) {
    Gauge.builder("health.check.certificate.expiry.timestamp", monitor, m -> {
        CertificateExpiry certificate = state(m, check).map(CheckState::certificate).orElse(null);
        return certificate == null ? Double.NaN : certificate.notAfter().getEpochSecond();
      })
      .description("When the TLS certificate a dependency presented last expires (earliest in its chain), as a Unix time")
      .baseUnit("seconds")
      .tag("check", check)
      .register(registry);
  }

  /**
   * {@code health_check_warning{check, warning}}: 1 while the check's latest run carries a warning of that
   * code ({@link CheckWarning#code()}, stable lower_snake_case), so one alert rule can single out e.g. a lost
   * Sentinel quorum. Registered at the code's first warning, so checks that never warn have no such series.
   */
  private void warningGauge(String check, String code) {
    Gauge.builder("health.check.warning", monitor, m -> state(m, check).map(s -> s.warnings().stream()
        .anyMatch(w -> w.code().equals(code)) ? 1 : 0).orElse(0))
      .description("1 while the check's latest successful run has a warning of this code, else 0; the texts are in ?verbose")
      .tags("check", check, "warning", code)
      .register(registry);
  }

  static double value(HealthStatus status) {
    return switch (status) {
      case OK -> 1.0;
      case DEGRADED -> 0.5;
      case ERROR -> 0.0;
    };
  }

  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    ensure(current.name());
    if (current.certificate() != null && certificateGauges.add(current.name())) {
      certificateGauge(current.name());
    }
    for (CheckWarning warning : current.warnings()) {
      if (warningGauges.add(current.name() + "\n" + warning.code())) {
        warningGauge(current.name(), warning.code());
      }
    }
    durations.get(current.name()).record(current.latencyMs(), TimeUnit.MILLISECONDS);
    if (failure != null) {
      failures.get(current.name()).get(failure.kind()).increment();
    }
    if (previous.reported() != current.reported() && previous.reported() != CheckState.Reported.PENDING) {
      stateChanges.get(current.name()).increment();
    }
  }

  @Override
  public void onStale(CheckState state) {
    ensure(state.name());
    failures.get(state.name()).get(FailureKind.STALE).increment();
    stateChanges.get(state.name()).increment();
  }

  /** A reload removed the check: none of its series stays behind on /metrics. */
  @Override
  public void onRemoved(String check) {
    List<Meter> gone = registry.getMeters().stream().filter(m -> check.equals(m.getId().getTag("check"))).toList();
    gone.forEach(registry::remove);
    durations.remove(check);
    failures.remove(check);
    stateChanges.remove(check);
    certificateGauges.remove(check);
    warningGauges.removeIf(key -> key.startsWith(check + "\n"));
  }
}
