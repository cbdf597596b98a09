package io.healthservice.mongodb;

import io.healthservice.CheckSettings;
import io.healthservice.kit.Target;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
import java.util.Set;

/**
 * {@code type: mongodb}: the {@code hello} command, answered by the primary if there is one, else by any member;
 * with {@code replicaSet} in the URL, no primary or another set's name is down. No driver class is loaded until an
 * entry of this kind is read.
 */
public final class MongoKind implements CheckKind {

  @Override
  public String type() {
    return "mongodb";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "password_file", "tls_ca_file", "expect_writable", "max_connection_age");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. " + MongoUrl.EXAMPLE + ")"));
    config.check("url", () -> MongoUrl.parse(url, config.password().isPresent()));
    CheckSettings settings = config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    Target target = new Target(url, config.password(), config.caFile(),
      config.duration("max_connection_age", Target.DEFAULT_MAX_CONNECTION_AGE, true));
    MongoTarget on = new MongoTarget(target, config.bool("expect_writable", false));
    String name = config.name();
    return CheckDefinition.of(name, type(), settings, on, (vertx, t) -> new MongoCheck(vertx, name, t));
  }
}
