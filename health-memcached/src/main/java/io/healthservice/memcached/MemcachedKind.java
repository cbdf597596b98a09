package io.healthservice.memcached;

import io.healthservice.CheckSettings;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
import java.util.Set;

/** {@code type: memcached}: {@code version} over the text protocol, answered by {@code VERSION ...}. */
public final class MemcachedKind implements CheckKind {

  @Override
  public String type() {
    return "memcached";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. memcached://host:11211)"));
    MemcachedTarget target = config.check("url", () -> MemcachedTarget.parse(url));
    CheckSettings settings = config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    String name = config.name();
    return CheckDefinition.of(name, type(), settings, target,
      (vertx, on) -> new MemcachedCheck(vertx, name, on));
  }
}
