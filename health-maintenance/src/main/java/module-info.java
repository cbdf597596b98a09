/**
 * Maintenance windows: declared in the config or started ad hoc through an authenticated endpoint; which window
 * covers a check now. The API is {@code io.healthservice.maintenance} ({@code MaintenanceWindows},
 * {@code MaintenanceWindow}, {@code Schedule}, {@code ActiveWindow}, {@code MaintenanceRoutes});
 * {@code io.healthservice.maintenance.impl} is internal.
 */
module io.healthservice.maintenance {
  requires transitive io.healthservice.core;
  requires java.logging;

  exports io.healthservice.maintenance;
}
