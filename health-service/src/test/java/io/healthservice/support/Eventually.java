package io.healthservice.support;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * The one way these tests wait: poll a probe until its value is accepted, with a deadline and a short backoff
 * (1 ms, doubling, at most {@link #DEFAULT_MAX_PAUSE}), failing with what was awaited and the last value seen.
 * And its mirror, {@link #throughout}: a condition that must hold at every look during a window.
 *
 * <p>A probe's exception ends the wait at once (a probe that may fail while the thing starts catches that itself
 * and returns a value saying so); an {@link AssertionError} inside a probe fails the test as it is.
 */
public final class Eventually {

  public static final Duration DEFAULT_MAX_PAUSE = Duration.ofMillis(50);

  private Eventually() {
  }

  /** A value to look at; may throw. */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  /** Assertions to run; may throw. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  /** Polls {@code probe} until {@code accept} holds, for at most {@code timeout}; returns the accepted value. */
  public static <T> T until(String what, Duration timeout, Probe<T> probe, Predicate<? super T> accept) throws Exception {
    return until(what, timeout, DEFAULT_MAX_PAUSE, probe, accept);
  }

  /** As {@link #until(String, Duration, Probe, Predicate)}, never pausing longer than {@code maxPause} between looks. */
  public static <T> T until(String what, Duration timeout, Duration maxPause, Probe<T> probe, Predicate<? super T> accept)
    throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    long maxPauseMs = Math.max(1, maxPause.toMillis());
    long pauseMs = 1;
    while (true) {
      T value = probe.get();
      if (accept.test(value)) {
        return value;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(what + ": not within " + timeout + "; last value: " + value);
      }
      Thread.sleep(Math.min(pauseMs, Math.max(1, left / 1_000_000)));
      pauseMs = Math.min(pauseMs * 2, maxPauseMs);
    }
  }

  /** Polls {@code condition} until it is true, for at most {@code timeout}. */
  public static void until(String what, Duration timeout, Probe<Boolean> condition) throws Exception {
    until(what, timeout, condition, Boolean.TRUE::equals);
  }

  /**
   * Runs {@code check} every {@code pace} (and once more at the end) for {@code window}: whatever it asserts must
   * hold at every look, not only at the last. For "the fault lasts and probes stay fast", "still serving while
   * it drains".
   */
  public static void throughout(Duration window, Duration pace, Check check) throws Exception {
    long end = System.nanoTime() + window.toNanos();
    while (true) {
      check.run();
      long left = end - System.nanoTime();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.max(1, Math.min(pace.toMillis(), left / 1_000_000)));
    }
  }
}
