package io.healthservice.impl.notify;

import io.healthservice.NotifySettings;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The wait before the next attempt: exponential ({@code initial × 2^(attempt-1)}, capped), with "equal
 * jitter" (half fixed, half random) so that several instances that failed together do not retry together;
 * a receiver's longer {@code Retry-After} is waited for, capped so a receiver cannot park a message for hours.
 */
final class Backoff {

  private final NotifySettings settings;
  private final DoubleSupplier random;

  /** @param random values in [0, 1); tests pass a fixed one */
  Backoff(NotifySettings settings, DoubleSupplier random) {
    this.settings = Objects.requireNonNull(settings);
    this.random = Objects.requireNonNull(random);
  }

  /**
   * @param failedAttempt the attempt that just failed, from 1
   * @param retryAfter    the receiver's wait, or {@code null}
   */
  long delayMs(int failedAttempt, Duration retryAfter) {
    long max = settings.maxBackoff().toMillis();
    long exponential = settings.initialBackoff().toMillis() << Math.min(failedAttempt - 1, 30);
    long capped = exponential <= 0 || exponential > max ? max : exponential;
    long backoff = Math.max(1, capped / 2 + (long) (random.getAsDouble() * (capped - capped / 2)));
    // Never sooner than our own schedule (a "Retry-After: 0" must not make a hammer), never later than the cap.
    long asked = retryAfter == null ? 0 : Math.min(retryAfter.toMillis(), settings.maxRetryAfter().toMillis());
    return Math.max(backoff, asked);
  }

  /** {@code Retry-After} as seconds or an HTTP date relative to {@code now}; null when absent or unreadable. */
  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Duration wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }
}
