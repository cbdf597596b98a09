package io.healthservice.status;

import java.time.Instant;
import java.util.Optional;

/**
 * Which maintenance window covers a check at an instant, for the status pages (the window is marked, its time
 * is left out of uptime). Implemented by the maintenance module; {@link #NONE} without windows. Must not block,
 * and must be thread-safe: called on the checker's event loop and on every HTTP event loop.
 */
@FunctionalInterface
public interface MaintenanceView {

  MaintenanceView NONE = (check, at) -> Optional.empty();

  /** The name of the window covering {@code check} at {@code at}, if any. */
  Optional<String> windowFor(String check, Instant at);
}
