package io.healthservice;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the monitor hands a check for one run: the run's time budget, and a place for warnings. The
 * monitor's own timer enforces the budget; a check derives its clients' limits from it
 * ({@link #clientLimitMillis()}) only so that abandoned I/O ends soon after, never to replace that timer.
 */
public final class CheckContext {

  /** At most this many warnings per run are kept: a check's words, not a log. */
  static final int MAX_WARNINGS = 8;

  private final Duration budget;
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  private CheckContext(Duration budget) {
    this.budget = Objects.requireNonNull(budget, "budget");
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("budget must be positive: " + budget);
    }
  }

  /** A run that must end within {@code budget}. */
  public static CheckContext of(Duration budget) {
    return new CheckContext(budget);
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
   * Records a condition that does not fail the run but that an operator should see: a Redis node that
   * refuses writes while the check does not demand them, a Sentinel set that lost its quorum. Shown in
   * {@code ?verbose}, as {@code warn} in health+json and as a metric while the run's result stands. The text
   * follows the reason rules: built from protocol words, never a server's message or a secret.
   */
  public void warn(String warning) {
    Objects.requireNonNull(warning, "warning");
    if (warnings.size() < MAX_WARNINGS && !warnings.contains(warning)) {
      warnings.add(warning);
    }
  }

  /** The warnings recorded so far in this run. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public String toString() {
    return "CheckContext[budget=" + budget.toMillis() + "ms]";
  }
}
