/** Maintenance windows: declared in the config or started ad hoc through an authenticated endpoint; which window covers a check now. */
module io.healthservice.maintenance {
  requires transitive io.healthservice.core;

}
