package io.healthservice;

/** The aggregate verdict, as written in the {@code status} field. What HTTP code it means is the views' business. */
public enum HealthStatus {
  OK("ok"),
  DEGRADED("degraded"),
  ERROR("error");

  private final String text;

  HealthStatus(String text) {
    this.text = text;
  }

  public String text() {
    return text;
  }

  /** The value of a {@code dependencies} entry that is down: {@code error} if critical, else {@code degraded}. */
  public static HealthStatus whenDown(boolean critical) {
    return critical ? ERROR : DEGRADED;
  }
}
