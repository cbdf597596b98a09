package io.healthservice;

import java.util.Locale;

/** The closed set of reasons a check can fail for; small enough to be a metric label. */
public enum FailureKind {
  /** No answer within the check's timeout. */
  TIMEOUT,
  /** The TCP connection was refused, reset or closed, or the name did not resolve. */
  REFUSED,
  /** An HTTP dependency answered with a status that is not 2xx. */
  HTTP_STATUS,
  /** The last result is older than the check's max age. */
  STALE,
  /** Anything else: protocol errors, authentication failures, unexpected replies. */
  ERROR;

  /** The lower-case label used in metrics and details. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
