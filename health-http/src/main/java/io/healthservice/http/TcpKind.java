package io.healthservice.http;

import io.healthservice.CheckSettings;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code type: tcp}: a connection (and a TLS handshake for {@code tls://}), nothing sent. */
public final class TcpKind implements CheckKind {

  @Override
  public String type() {
    return "tcp";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "tls_ca_file");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. tcp://smtp:25)"));
    Optional<String> ca = config.caFile();
    TcpTarget target = config.check("url", () -> TcpTarget.parse(url, ca));
    String name = config.name();
    return CheckDefinition.of(name, type(), config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2)), target,
      (vertx, on) -> new TcpCheck(vertx, name, on));
  }
}
