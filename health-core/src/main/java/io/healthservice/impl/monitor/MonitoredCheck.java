package io.healthservice.impl.monitor;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A check and the settings the monitor runs it with. */
public record MonitoredCheck(DependencyCheck check, CheckSettings settings) {

  public MonitoredCheck {
    Objects.requireNonNull(check);
    Objects.requireNonNull(settings);
  }

  /** Closes the check's client; a plug-in whose {@code close()} throws fails this future, not the stop or reload. */
  public io.vertx.core.Future<Void> close() {
    try {
      return check.close();
    } catch (RuntimeException e) {
      return io.vertx.core.Future.failedFuture(e);
    }
  }

  /** Each check's {@link DependencyCheck#componentType()} by name, for the probes' health+json answers. */
  public static Map<String, String> componentTypes(List<MonitoredCheck> checks) {
    Map<String, String> types = new HashMap<>();
    for (MonitoredCheck c : checks) {
      types.put(c.check().name(), c.check().componentType());
    }
    return Map.copyOf(types);
  }
}
