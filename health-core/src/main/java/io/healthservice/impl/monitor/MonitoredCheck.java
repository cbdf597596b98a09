package io.healthservice.impl.monitor;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/** A check and the settings the monitor runs it with. */
public record MonitoredCheck(DependencyCheck check, CheckSettings settings) {

  private static final Logger LOG = Logger.getLogger("health.monitor");

  public MonitoredCheck {
    Objects.requireNonNull(check);
    Objects.requireNonNull(settings);
  }

  /**
   * Closes the check's client, best effort: a close that fails or throws is logged (the check's name and the error's
   * type, never its message) and this future still succeeds. The check was stopped or replaced all the same, so a
   * reload that applied must not be reported refused, nor a stop failed, because a client did not close cleanly.
   */
  public Future<Void> close() {
    Future<Void> closing;
    try {
      closing = check.close();
    } catch (RuntimeException e) {
      closing = Future.failedFuture(e);
    }
    return closing.recover(e -> {
      LOG.warning("closing check " + check.name() + " failed: " + e.getClass().getName());
      return Future.succeededFuture();
    });
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
