package io.healthservice;

import io.healthservice.impl.http.ServiceIdentity;
import io.healthservice.impl.monitor.EventLoopWatch;
import io.healthservice.impl.monitor.HealthMonitor;
import io.healthservice.impl.monitor.Pacing;
import io.healthservice.impl.monitor.MonitoredCheck;
import io.healthservice.impl.monitor.ProcessState;
import io.healthservice.impl.monitor.TransitionLog;
import io.vertx.core.Vertx;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks and options of a {@link HealthChecker}; safe defaults: details shown to nobody, the system clock,
 * state changes logged. Everything the checker builds (monitor, probes, event-loop watch, the
 * listeners {@link #attach attached}) shares the one clock set here.
 */
public final class HealthCheckerBuilder {

  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9_-]{1,63}");
  /**
   * Paths under {@code /health/} that the probes, health-status's {@code /health/history} and health-maintenance's
   * {@code /health/maintenance} use.
   */
  private static final Set<String> RESERVED = Set.of("live", "ready", "started", "checks", "history", "maintenance");

  private final Vertx vertx;
  private final String service;
  private final String version;
  private final List<DependencyGroup> groups = new ArrayList<>();
  private final List<MonitoredCheck> checks = new ArrayList<>();
  private final Set<String> names = new HashSet<>();
  private final List<MonitorListener> listeners = new ArrayList<>();
  private DetailsVisibility visibility = DetailsVisibility.NEVER;
  private Optional<String> token = Optional.empty();
  private MonitorClock clock;
  private boolean logTransitions = true;
  private int maxRunsInFlight = Pacing.DEFAULT_MAX_IN_FLIGHT;
  private final List<Function<? super HealthChecker, ? extends MonitorListener>> attached = new ArrayList<>();

  HealthCheckerBuilder(Vertx vertx, String service, String version) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.service = Objects.requireNonNull(service, "service");
    this.version = Objects.requireNonNull(version, "version");
  }

  /** One dependency, its own entry in {@code dependencies} (named after the check). */
  public HealthCheckerBuilder check(DependencyCheck check, CheckSettings settings) {
    unique(check.name());
    checks.add(new MonitoredCheck(check, settings));
    groups.add(new DependencyGroup(check.name(), settings.critical(), List.of(check.name())));
    return this;
  }

  /** Several checks shown as one {@code dependencies} entry (e.g. {@code llm_services}), down when any is. */
  public HealthCheckerBuilder group(String name, CheckSettings settings, List<? extends DependencyCheck> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("group " + name + " has no checks");
    }
    unique(name);
    List<String> memberNames = new ArrayList<>();
    for (DependencyCheck member : members) {
      unique(member.name());
      checks.add(new MonitoredCheck(member, settings));
      memberNames.add(member.name());
    }
    groups.add(new DependencyGroup(name, settings.critical(), memberNames));
    return this;
  }

  private void unique(String name) {
    String problem = nameProblem(Objects.requireNonNull(name, "name"));
    if (problem != null) {
      throw new IllegalArgumentException("check name " + name + " " + problem);
    }
    if (!names.add(name)) {
      throw new IllegalArgumentException("two checks or groups are called " + name);
    }
  }

  /**
   * Why {@code name} cannot name a check or group, or null when it can: the one rule, applied here to checks
   * added from Java and by the configuration reader to {@code checks:} keys. A name is a path
   * ({@code /health/{name}}), a metric label and part of an environment variable's name.
   */
  public static String nameProblem(String name) {
    if (!NAME.matcher(name).matches()) {
      return "is not a valid check name: 1-63 lower-case letters, digits, '-' or '_'";
    }
    if (RESERVED.contains(name)) {
      return "is reserved (/health/" + name + " is a probe)";
    }
    return null;
  }

  /** The groups added so far, for {@link HealthChecker#replaceChecks}. */
  List<DependencyGroup> groups() {
    return List.copyOf(groups);
  }

  /** The checks added so far, for {@link HealthChecker#replaceChecks}. */
  List<MonitoredCheck> checks() {
    return List.copyOf(checks);
  }

  /** Who sees reasons and latencies with {@code ?verbose}: nobody, bearer-token holders, or everyone. */
  public HealthCheckerBuilder details(DetailsVisibility visibility, Optional<String> token) {
    this.visibility = Objects.requireNonNull(visibility, "visibility");
    this.token = Objects.requireNonNull(token, "token");
    return this;
  }

  /** Time and timers for everything the checker builds, e.g. a clock a test advances; default: system + Vert.x timers. */
  public HealthCheckerBuilder clock(MonitorClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Told of every result, in order, on the checks' event loop, from the first run on (metrics, alerts). */
  public HealthCheckerBuilder listener(MonitorListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Check runs in flight at once, default 1024: more wait for a slot, delayed and never dropped
   * ({@link HealthChecker#runsWaiting()}). It keeps thousands of checks from opening thousands of sockets at once.
   */
  public HealthCheckerBuilder maxRunsInFlight(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxRunsInFlight must be at least 1");
    }
    this.maxRunsInFlight = max;
    return this;
  }

  /** Whether each state change is logged (logger {@code health.transitions}); default true. */
  public HealthCheckerBuilder logTransitions(boolean log) {
    this.logTransitions = log;
    return this;
  }

  /**
   * A listener made from the checker being built, for what needs its clock or its checks (notifications,
   * e.g. health-notify's {@code Notifications}): {@code build()} calls {@code factory} with the checker, not
   * started yet ({@link HealthChecker#clock()}, {@link HealthChecker#snapshot()} with every check pending), and
   * registers the listener before the checks start, so it is told of the first run; {@link HealthChecker#stop()}
   * closes it once the checks stopped.
   */
  public <L extends MonitorListener & AutoCloseable> HealthCheckerBuilder attach(
    Function<? super HealthChecker, L> factory) {
    attached.add(Objects.requireNonNull(factory, "factory"));
    return this;
  }

  public HealthChecker build() {
    MonitorClock time = clock != null ? clock : MonitorClock.of(vertx);
    long startedNanos = time.nanoTime();
    HealthMonitor monitor = new HealthMonitor(vertx, time, groups, checks, maxRunsInFlight, new SplittableRandom());
    if (logTransitions) {
      monitor.addListener(new TransitionLog(time, checks.size() > Pacing.SCALE));
    }
    listeners.forEach(monitor::addListener);
    ProcessState process = new ProcessState(new EventLoopWatch(EventLoopWatch.DEFAULT_THRESHOLD_MS, time));
    ProbeRoutes probes = ProbeRoutes.builder(monitor::snapshot, process, new ServiceIdentity(service, version, startedNanos))
      .details(visibility, token)
      .componentTypes(monitor::componentType)
      // The system clock's millis() directly: time::now would allocate an Instant per probe for its timestamp.
      .clock(time::nanoTime, clock != null ? time::now : InstantSource.system())
      .build();
    List<AutoCloseable> made = new ArrayList<>();
    HealthChecker checker = new HealthChecker(vertx, service, time, monitor, process, probes, made);
    for (Function<? super HealthChecker, ? extends MonitorListener> factory : attached) {
      // Registered before the monitor starts: a dependency down at start is told too.
      MonitorListener listener = Objects.requireNonNull(factory.apply(checker), "attached listener");
      monitor.addListener(listener);
      made.add((AutoCloseable) listener);
    }
    return checker;
  }
}
