package io.healthservice.notify;

import java.time.Instant;
import java.util.Optional;

/**
 * Which maintenance window covers a check at an instant (health-maintenance's {@code MaintenanceWindows::windowFor}
 * fits). While one does, webhook messages about that check are held and its Alertmanager alert is marked so the
 * shipped Alertmanager configuration keeps it quiet. Asked on the checks' event loop: must not block.
 */
@FunctionalInterface
public interface MaintenanceLookup {

  /** No windows: nothing is ever held. */
  MaintenanceLookup NONE = (check, at) -> Optional.empty();

  /** The name of the window covering {@code check} at {@code at}, if any. */
  Optional<String> windowFor(String check, Instant at);
}
