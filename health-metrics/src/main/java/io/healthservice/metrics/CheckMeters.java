package io.healthservice.metrics;

import io.healthservice.CertificateExpiry;
import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.CheckWarning;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.HealthChecker;
import io.healthservice.MonitorListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
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
  private final CheckSeries series;
  private final PrometheusMeterRegistry registry;
  private final HealthChecker monitor;
  private final Set<String> certificateGauges = new HashSet<>();
  private final Set<String> warningGauges = new HashSet<>();
  /** Every series of each check, to remove them at once when a reload drops it (not a scan of every meter). */
  private final Map<String, List<Meter>> meters = new HashMap<>();
  private final boolean histograms;

  /**
   * Gauges over {@code monitor}'s snapshot; register this as its listener for the counters and timers.
   *
   * @param histograms whether each check's durations are a histogram (13 buckets, about 1 KB of /metrics per
   *                   check) rather than a count, a sum and a max
   */
  CheckMeters(PrometheusMeterRegistry registry, HealthChecker monitor, String service, String version, boolean histograms) {
    this.registry = registry;
    this.monitor = monitor;
    this.histograms = histograms;
    this.series = new CheckSeries(monitor, !histograms);
    registry.getPrometheusRegistry().register(series);
    ServiceMeters.register(registry, monitor, service, version);
    for (DependencyGroup group : monitor.snapshot().groups()) {
      for (String check : group.checks()) {
        register(group, check);
      }
    }
  }

  /** Every series of one check; again for a check a reload added, at its first result. */
  private void register(DependencyGroup group, String check) {
    series.of(check); // status (with group and critical: one alert rule covers every critical check), warnings, changes
    if (histograms) {
      durations.put(check, keep(check, Timer.builder("health.check.duration")
        .description("Duration of each check run, timeouts included")
        .tag("check", check)
        .serviceLevelObjectives(BUCKETS)
        .register(registry)));
    }
  }

  /** A check's state; empty for one a reload just removed, whose series go with {@link #onRemoved}. */
  private static java.util.Optional<CheckState> state(HealthChecker checker, String check) {
    return java.util.Optional.ofNullable(checker.snapshot().checks().get(check));
  }

  /** Registers the series of a check first seen now (added by a reload). */
  private void ensure(String check) {
    if (series.has(check)) {
      return;
    }
    monitor.snapshot().groups().stream().filter(g -> g.checks().contains(check)).findFirst()
      .ifPresent(group -> register(group, check));
  }

  /**
   * A check's failures of one reason, registered at the first one: a check that never fails costs no series
   * (at 10,000 checks, five zeros each would be most of /metrics). Alert on health_check_status, not on these.
   */
  private Counter failures(String check, FailureKind kind) {
    return failures.computeIfAbsent(check, c -> new EnumMap<>(FailureKind.class)).computeIfAbsent(kind, k -> keep(check, Counter.builder("health.check.failures")
      .description("Failed check runs by reason")
      .tags("check", check, "reason", k.label())
      .register(registry)));
  }

  private <M extends Meter> M keep(String check, M meter) {
    meters.computeIfAbsent(check, c -> new ArrayList<>()).add(meter);
    return meter;
  }

  /**
   * Registered at a check's first TLS handshake, so checks without TLS have no series (rather than NaN).
   * Alert on {@code health_check_certificate_expiry_timestamp_seconds - time()}.
   */
  private void certificateGauge(String check) {
    keep(check, Gauge.builder("health.check.certificate.expiry.timestamp", monitor, m -> {
        CertificateExpiry certificate = state(m, check).map(CheckState::certificate).orElse(null);
        return certificate == null ? Double.NaN : certificate.notAfter().getEpochSecond();
      })
      .description("When the TLS certificate a dependency presented last expires (earliest in its chain), as a Unix time")
      .baseUnit("seconds")
      .tag("check", check)
      .register(registry));
  }

  /**
   * {@code health_check_warning{check, warning}}: 1 while the check's latest run carries a warning of that
   * code ({@link CheckWarning#code()}, stable lower_snake_case), so one alert rule can single out e.g. a lost
   * Sentinel quorum. Registered at the code's first warning, so checks that never warn have no such series.
   */
  private void warningGauge(String check, String code) {
    keep(check, Gauge.builder("health.check.warning", monitor, m -> state(m, check).map(s -> s.warnings().stream()
        .anyMatch(w -> w.code().equals(code)) ? 1 : 0).orElse(0))
      .description("1 while the check's latest successful run has a warning of this code, else 0; the texts are in ?verbose")
      .tags("check", check, "warning", code)
      .register(registry));
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
    CheckSeries.Counts counts = series.of(current.name());
    if (histograms) {
      durations.get(current.name()).record(current.latencyMs(), TimeUnit.MILLISECONDS);
    } else {
      counts.run(current.latencyMs(), monitor.clock().nanoTime());
    }
    if (failure != null) {
      failures(current.name(), failure.kind()).increment();
    }
    if (previous.reported() != current.reported() && previous.reported() != CheckState.Reported.PENDING) {
      counts.changed();
    }
  }

  @Override
  public void onStale(CheckState state) {
    ensure(state.name());
    failures(state.name(), FailureKind.STALE).increment();
    series.of(state.name()).changed();
  }

  /** Takes the per-check series off the registry (the meters stay the registry's). */
  void close() {
    registry.getPrometheusRegistry().unregister(series);
  }

  /** A reload removed the check: none of its series stays behind on /metrics. */
  @Override
  public void onRemoved(String check) {
    meters.getOrDefault(check, List.of()).forEach(registry::remove);
    meters.remove(check);
    durations.remove(check);
    failures.remove(check);
    series.remove(check);
    certificateGauges.remove(check);
    warningGauges.removeIf(key -> key.startsWith(check + "\n"));
  }
}
