package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.mqtt.MqttTarget;
import io.healthservice.checks.mysql.MysqlTarget;
import io.healthservice.checks.rabbitmq.RabbitMqTarget;

import java.time.Duration;
import java.util.Set;

/** Readers of the kinds that are a URL plus a few settings: mysql, rabbitmq, mqtt. */
final class KindSections {

  private KindSections() {
  }

  /** The schedule every such kind starts from: every 10 s, 2 s budget, critical unless told otherwise. */
  private static CheckSettings settings(CheckEntry entry) {
    return entry.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  static CheckOptions.Mysql mysql(CheckEntry entry) {
    entry.allowOnly("url", "url_env", "url_file", "password_file", "tls_ca_file", "expect_writable", "max_connection_age");
    String url = entry.url(null, "mysql://user@host:3306/database",
      (u, setting) -> mysqlClientAccepts(UrlRules.withScheme(u, setting, Set.of("mysql", "mariadb"),
        "mysql://user@host:3306/database"), setting));
    MysqlTarget target = new MysqlTarget(url, entry.password(), entry.caFile(),
      entry.node().bool("expect_writable", false), entry.connectionAge());
    return new CheckOptions.Mysql(entry.name(), settings(entry), target);
  }

  /** The client itself must take the URL (it refuses e.g. an empty database path): at start, not at the first run. */
  private static String mysqlClientAccepts(String url, String setting) {
    try {
      io.vertx.mysqlclient.MySQLConnectOptions.fromUri(url);
      return url;
    } catch (RuntimeException e) {
      throw new ConfigException(setting, "is not a URL the MySQL client accepts (e.g. mysql://user@host:3306/database)");
    }
  }

  static CheckOptions.RabbitMq rabbitmq(CheckEntry entry) {
    entry.allowOnly("url", "url_env", "url_file", "password_file", "tls_ca_file", "max_connection_age");
    String url = entry.url(null, "amqp://user@host:5672/%2f",
      (u, setting) -> UrlRules.withScheme(u, setting, Set.of("amqp", "amqps"), "amqp://user@host:5672/%2f"));
    return new CheckOptions.RabbitMq(entry.name(), settings(entry),
      new RabbitMqTarget(url, entry.password(), entry.caFile(), entry.connectionAge()));
  }

  static CheckOptions.Mqtt mqtt(CheckEntry entry) {
    entry.allowOnly("url", "url_env", "url_file", "password_file", "tls_ca_file");
    String url = entry.url(null, "mqtt://host:1883",
      (u, setting) -> UrlRules.withScheme(u, setting, Set.of("mqtt", "mqtts"), "mqtt://host:1883"));
    return new CheckOptions.Mqtt(entry.name(), settings(entry), new MqttTarget(url, entry.password(), entry.caFile()));
  }
}
