package io.healthservice;

import io.healthservice.impl.monitor.Failures;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a check failed, in words safe to show anyone: built from the error's type and protocol codes,
 * never from the client's message, which may name hosts, users or keys. No stack trace: it is an
 * expected outcome, not a bug.
 */
public final class CheckFailure extends RuntimeException {

  private final FailureKind kind;
  private final Duration retryAfter;

  public CheckFailure(FailureKind kind, String reason) {
    this(kind, reason, null);
  }

  /** A failure after which the dependency asked not to be called again for {@code retryAfter} (HTTP 429). */
  public CheckFailure(FailureKind kind, String reason, Duration retryAfter) {
    super(Objects.requireNonNull(reason), null, false, false);
    this.kind = Objects.requireNonNull(kind);
    this.retryAfter = retryAfter;
  }

  /** How long to wait before the next run, when the dependency said so; else empty. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  public FailureKind kind() {
    return kind;
  }

  /** The sanitised reason, e.g. "connection refused", "timeout after 2000 ms", "HTTP 401". */
  public String reason() {
    return getMessage();
  }

  /**
   * What a client's error stands for, in the same safe words as a check's failure ("connection refused",
   * "timeout", "TLS handshake failed"...): read from the error's type and protocol codes, never its message.
   */
  public static CheckFailure of(Throwable error) {
    return Failures.classify(Objects.requireNonNull(error, "error"));
  }

  /**
   * The wait an HTTP {@code Retry-After} header asks for: delta-seconds, or an HTTP date taken relative to
   * {@code now}. Empty when the header is absent or unreadable; not bounded, and negative for a date in the
   * past or a negative number: each caller applies its own bounds. The one parser of the project (an HTTP
   * check's 429, a notification receiver's 429 or 503).
   */
  public static Optional<Duration> parseRetryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String value = header.trim();
    try {
      return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        return Optional.of(Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)));
      } catch (DateTimeParseException unreadable) {
        return Optional.empty();
      }
    }
  }
}
