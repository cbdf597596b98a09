package io.healthservice.http;

import io.healthservice.CheckSettings;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code type: dns}: {@code dns://server:53/name?type=A} resolved at that server, with Vert.x core's DNS client. */
public final class DnsKind implements CheckKind {

  @Override
  public String type() {
    return "dns";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "expect_answer");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. dns://10.0.0.2:53/db.internal?type=A)"));
    Optional<String> expect = Optional.ofNullable(config.string("expect_answer", null));
    DnsTarget target = config.check("url", () -> DnsTarget.parse(url, expect));
    CheckSettings settings = config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
    String name = config.name();
    return CheckDefinition.of(name, type(), settings, target, (vertx, on) -> new DnsCheck(vertx, name, on));
  }
}
