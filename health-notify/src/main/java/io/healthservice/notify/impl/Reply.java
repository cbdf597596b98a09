package io.healthservice.notify.impl;

/** What a receiver answered: its status and its {@code Retry-After} header, if any. */
record Reply(int status, String retryAfter) {

  boolean accepted() {
    return status >= 200 && status < 300;
  }

  /** 429 and 5xx are worth another attempt; any other answer would be the same next time. */
  boolean retryable() {
    return status == 429 || status >= 500;
  }
}
