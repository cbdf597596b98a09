package io.healthservice;

import java.time.Duration;
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
}
