package io.healthservice.monitor;

import io.healthservice.checks.DependencyCheck;

import java.util.Objects;

/** A check and the settings the monitor runs it with. */
public record MonitoredCheck(DependencyCheck check, CheckSettings settings) {

  public MonitoredCheck {
    Objects.requireNonNull(check);
    Objects.requireNonNull(settings);
  }
}
