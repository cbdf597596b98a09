package io.healthservice.monitor;

/** The aggregate verdict, as written in the {@code status} field. */
public enum HealthStatus {
  OK("ok", 200),
  DEGRADED("degraded", 200),
  ERROR("error", 503);

  private final String text;
  private final int httpStatus;

  HealthStatus(String text, int httpStatus) {
    this.text = text;
    this.httpStatus = httpStatus;
  }

  public String text() {
    return text;
  }

  /** 200 for ok and degraded (still serving), 503 for error. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The value of a {@code dependencies} entry that is down: {@code error} if critical, else {@code degraded}. */
  public static HealthStatus whenDown(boolean critical) {
    return critical ? ERROR : DEGRADED;
  }
}
