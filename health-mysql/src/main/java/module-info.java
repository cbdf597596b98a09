/**
 * The {@code mysql} kind of check (MySQL, MariaDB): {@link io.healthservice.mysql.MysqlCheck} over vertx-mysql-client.
 */
module io.healthservice.mysql {
  requires transitive io.healthservice.kit;
  requires transitive io.vertx.sql.client;
  requires io.vertx.sql.client.mysql;

  exports io.healthservice.mysql;

  provides io.healthservice.spi.CheckKind with io.healthservice.mysql.MysqlKind;
}
