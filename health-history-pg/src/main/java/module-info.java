/** The status history on Postgres (history.store): written in batches by every replica, read as the fleet. */
module io.healthservice.history.pg {
  requires transitive io.healthservice.status;

}
