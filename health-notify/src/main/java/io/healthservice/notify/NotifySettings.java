package io.healthservice.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How notifications are damped and delivered. Defaults: {@link #defaults()}.
 *
 * @param minInterval      at most one message per check per this interval; transitions inside it are
 *                         coalesced into the state at its end (flapping never makes a storm)
 * @param reminderInterval repeat "still down" this often while a check stays down; zero: never
 * @param sendResolved     send a message when a check is ok again
 * @param queueSize        messages waiting per channel (the one being delivered included); more are dropped
 * @param maxAttempts      attempts per message, the first included
 * @param requestTimeout   the whole budget of one attempt (connect, send, answer)
 * @param initialBackoff   the wait before the second attempt; doubled for each next one, with jitter
 * @param maxBackoff       the longest wait between attempts
 * @param maxRetryAfter    a receiver's {@code Retry-After} is honoured up to this
 */
public record NotifySettings(Duration minInterval, Duration reminderInterval, boolean sendResolved, int queueSize,
                             int maxAttempts, Duration requestTimeout, Duration initialBackoff, Duration maxBackoff,
                             Duration maxRetryAfter) {

  public NotifySettings {
    Objects.requireNonNull(minInterval);
    Objects.requireNonNull(reminderInterval);
    Objects.requireNonNull(requestTimeout);
    Objects.requireNonNull(initialBackoff);
    Objects.requireNonNull(maxBackoff);
    Objects.requireNonNull(maxRetryAfter);
    if (minInterval.isNegative() || reminderInterval.isNegative()) {
      throw new IllegalArgumentException("intervals must not be negative");
    }
    if (queueSize < 1 || maxAttempts < 1) {
      throw new IllegalArgumentException("queueSize and maxAttempts must be at least 1");
    }
    if (requestTimeout.toMillis() < 1 || initialBackoff.toMillis() < 1 || maxBackoff.compareTo(initialBackoff) < 0
      || maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("timeout and backoff must be positive, maxBackoff >= initialBackoff");
    }
  }

  /** 30 s between messages per check, no reminders, resolved sent, 100 queued, 5 attempts of 5 s, 1 s..60 s backoff, Retry-After up to 5 min. */
  public static NotifySettings defaults() {
    return new NotifySettings(Duration.ofSeconds(30), Duration.ZERO, true, 100, 5, Duration.ofSeconds(5),
      Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(5));
  }
}
