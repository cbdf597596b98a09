package io.healthservice.checks;

import java.util.Objects;

/**
 * Why a check failed, in words safe to show anyone: built from the error's type and protocol codes,
 * never from the client's message, which may name hosts, users or keys. No stack trace: it is an
 * expected outcome, not a bug.
 */
public final class CheckFailure extends RuntimeException {

  private final FailureKind kind;

  public CheckFailure(FailureKind kind, String reason) {
    super(Objects.requireNonNull(reason), null, false, false);
    this.kind = Objects.requireNonNull(kind);
  }

  public FailureKind kind() {
    return kind;
  }

  /** The sanitised reason, e.g. "connection refused", "timeout after 2000 ms", "HTTP 401". */
  public String reason() {
    return getMessage();
  }
}
