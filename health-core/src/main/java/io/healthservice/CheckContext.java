package io.healthservice;

import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the monitor hands a check for one run: the run's time budget, a place to report what the run learns
 * (warnings, the peer's certificate, the server it used), and {@link #ended()}, which tells the check how the
 * monitor decided the run. The monitor's own timer enforces the budget; a check derives its clients' limits
 * from it ({@link #clientLimitMillis()}) only so that abandoned I/O ends soon after, never to replace that timer.
 */
public final class CheckContext {

  /** At most this many warnings per run are kept: a check's words, not a log. */
  static final int MAX_WARNINGS = 8;

  private final Duration budget;
  private final Future<Void> ended;
  private final List<CheckWarning> warnings = new CopyOnWriteArrayList<>();
  private Instant certificate;
  private String server;

  private CheckContext(Duration budget, Future<Void> ended) {
    this.budget = Objects.requireNonNull(budget, "budget");
    this.ended = Objects.requireNonNull(ended, "ended");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be positive: " + budget);
    }
  }

  /** A run that must end within {@code budget}, for tests and applications: its {@link #ended()} never completes. */
  public static CheckContext of(Duration budget) {
    return new CheckContext(budget, Promise.<Void>promise().future());
  }

  /**
   * A run whose {@link #ended()} follows {@code ended}: the monitor completes it with the run's outcome as it
   * decided it (the ping's result, or its timer's timeout).
   */
  public static CheckContext of(Duration budget, Future<?> ended) {
    return new CheckContext(budget, Objects.requireNonNull(ended, "ended").mapEmpty());
  }

  /** How long the run may take before the monitor counts it as timed out. */
  public Duration budget() {
    return budget;
  }

  /** {@link #budget()} in milliseconds, at least 1. */
  public long budgetMillis() {
    return Math.max(1, budget.toMillis());
  }

  /**
   * A client-side limit (connect, pool wait, idle) a little past the budget: the monitor's timer always
   * ends a run first and names it ("timeout after N ms"); the client's limit then frees the socket.
   */
  public int clientLimitMillis() {
    long ms = budgetMillis();
    return (int) Math.min(Integer.MAX_VALUE, ms + Math.max(50, ms / 10));
  }

  /** A share of the budget, for a step of a run that talks to several servers (at least 1 ms). */
  public long shareMillis(int percent) {
    return Math.max(1, budgetMillis() * percent / 100);
  }

  /**
   * Completes once the monitor has decided the run: succeeds when the run passed, fails when it failed or
   * timed out. A check that holds a client drops it on failure here ({@link ClientCheck} does), so I/O to a
   * hung server does not pile up; the run's own future may still be pending then.
   */
  public Future<Void> ended() {
    return ended;
  }

  /**
   * Records a condition that does not fail the run but that an operator should see. Shown in {@code ?verbose},
   * as {@code warn} in health+json and as {@code health_check_warning{warning=code}} while a passing run's
   * result stands; a failed run's warnings are dropped.
   *
   * @param code stable lower_snake_case, a metric label value (see {@link CheckWarning})
   * @param text built from protocol words and numbers, never a server's message or a secret
   */
  public void warn(String code, String text) {
    CheckWarning warning = new CheckWarning(code, text);
    if (warnings.size() < MAX_WARNINGS && !warnings.contains(warning)) {
      warnings.add(warning);
    }
  }

  /** Records the {@code notAfter} of a certificate the dependency presented; the earliest of a run is kept. */
  public synchronized void certificate(Instant notAfter) {
    Objects.requireNonNull(notAfter, "notAfter");
    if (certificate == null || notAfter.isBefore(certificate)) {
      certificate = notAfter;
    }
  }

  /** Records the server ({@code host:port}, never a URL) the run used, for a check that picks one of several; null clears it. */
  public synchronized void server(String inUse) {
    server = inUse;
  }

  /** The warnings recorded so far in this run. */
  public List<CheckWarning> warnings() {
    return List.copyOf(warnings);
  }

  /** The earliest certificate end recorded in this run, if any. */
  public synchronized Optional<Instant> certificate() {
    return Optional.ofNullable(certificate);
  }

  /** The server recorded in this run, if any. */
  public synchronized Optional<String> server() {
    return Optional.ofNullable(server);
  }

  @Override
  public String toString() {
    return "CheckContext[budget=" + budget.toMillis() + "ms]";
  }
}
