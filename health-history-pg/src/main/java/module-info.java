/**
 * The status history on Postgres (history.store): written in batches by every replica, read as the fleet.
 * {@link io.healthservice.history.pg.PgHistoryStore} is the factory; {@code io.healthservice.history.pg.impl} is internal.
 */
module io.healthservice.history.pg {
  requires transitive io.healthservice.status;
  requires io.healthservice.kit;
  requires io.vertx.sql.client;
  requires io.vertx.sql.client.pg;
  requires java.logging;

  exports io.healthservice.history.pg;
}
