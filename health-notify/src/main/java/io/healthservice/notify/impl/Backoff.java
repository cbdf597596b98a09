package io.healthservice.notify.impl;

import io.healthservice.notify.NotifySettings;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The wait before the next attempt: exponential ({@code initial × 2^(attempt-1)}, capped), with "equal
 * jitter" (half fixed, half random) so that several instances that failed together do not retry together;
 * a receiver's longer {@code Retry-After} is waited for, capped so a receiver cannot park a message for hours.
 */
final class Backoff {

  private final long initialMs;
  private final long maxMs;
  private final long maxRetryAfterMs;
  private final DoubleSupplier random;

  /** @param random values in [0, 1); tests pass a fixed one */
  Backoff(Duration initial, Duration max, Duration maxRetryAfter, DoubleSupplier random) {
    this.initialMs = initial.toMillis();
    this.maxMs = max.toMillis();
    this.maxRetryAfterMs = maxRetryAfter.toMillis();
    this.random = Objects.requireNonNull(random);
  }

  /** The notifier's: {@link NotifySettings#initialBackoff()} to {@link NotifySettings#maxBackoff()}. */
  Backoff(NotifySettings settings, DoubleSupplier random) {
    this(settings.initialBackoff(), settings.maxBackoff(), settings.maxRetryAfter(), random);
  }

  /**
   * @param failedAttempt the attempt that just failed, from 1
   * @param retryAfter    the receiver's wait, or {@code null}; a negative one counts as none
   */
  long delayMs(int failedAttempt, Duration retryAfter) {
    long max = maxMs;
    long exponential = initialMs << Math.min(failedAttempt - 1, 30);
    long capped = exponential <= 0 || exponential > max ? max : exponential;
    long backoff = Math.max(1, capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
    // Never sooner than our own schedule (a "Retry-After: 0" must not make a hammer), never later than the cap.
    long asked = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), maxRetryAfterMs);
    return Math.max(backoff, asked);
  }
}
