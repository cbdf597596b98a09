package io.healthservice;

import java.time.Duration;
import java.util.Objects;

/**
 * What the monitor hands a check for one run: the run's time budget. The monitor's own timer enforces
 * it; a check derives its clients' limits from it ({@link #clientLimitMillis()}) only so that abandoned
 * I/O ends soon after, never to replace that timer.
 */
public final class CheckContext {

  private final Duration budget;

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

  @Override
  public String toString() {
    return "CheckContext[budget=" + budget.toMillis() + "ms]";
  }
}
