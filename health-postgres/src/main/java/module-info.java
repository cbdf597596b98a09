/**
 * The {@code postgres} kind of check: {@link io.healthservice.postgres.DatabaseCheck} over vertx-pg-client
 * (a libpq host list, {@code target_session_attrs}, an application's own pool); {@code io.healthservice.postgres.impl}
 * is internal.
 */
module io.healthservice.postgres {
  requires transitive io.healthservice.kit;
  requires transitive io.vertx.sql.client;
  requires io.vertx.sql.client.pg;
  requires java.logging;

  exports io.healthservice.postgres;

  provides io.healthservice.spi.CheckKind with io.healthservice.postgres.PostgresKind;
}
