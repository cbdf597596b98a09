package io.healthservice.mysql;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.kit.Target;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@code type: mysql}: MySQL or MariaDB, a query over a connection of its own. */
public final class MysqlKind implements CheckKind {

  @Override
  public String type() {
    return "mysql";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "password_file", "tls_ca_file", "expect_writable", "max_connection_age");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. mysql://user@host:3306/database)"));
    config.check("url", () -> UrlRules.withScheme(url, Set.of("mysql", "mariadb"), "mysql://user@host:3306/database"));
    mysqlClientAccepts(config, url);
    CheckSettings settings = config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    return new Definition(config.name(), settings, new Target(url, config.password(), config.caFile(),
      config.duration("max_connection_age", Target.DEFAULT_MAX_CONNECTION_AGE, true)), config.bool("expect_writable", false));
  }

  /** The client itself must take the URL (it refuses e.g. an empty database path): at start, not at the first run. */
  private static void mysqlClientAccepts(KindConfig config, String url) {
    try {
      io.vertx.mysqlclient.MySQLConnectOptions.fromUri(url);
    } catch (RuntimeException e) {
      throw config.error("url", "is not a URL the MySQL client accepts (e.g. mysql://user@host:3306/database)");
    }
  }

  /**
   * A {@code type: mysql} entry; prints without secrets (the target masks its own).
   *
   * @param expectWritable a server with {@code read_only} on is down: an application that writes cannot work
   */
  public record Definition(String name, CheckSettings settings, Target target, boolean expectWritable)
    implements CheckDefinition {

    public Definition {
      Objects.requireNonNull(name);
      Objects.requireNonNull(settings);
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "mysql";
    }

    @Override
    public List<DependencyCheck> build(Vertx vertx, String userAgent) {
      return List.of(new MysqlCheck(vertx, name, target, expectWritable));
    }
  }
}
