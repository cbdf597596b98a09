package io.healthservice.http;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
    return new Definition(config.name(), config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2)), target);
  }

  /** A {@code type: tcp} entry. */
  public record Definition(String name, CheckSettings settings, TcpTarget target) implements CheckDefinition {

    public Definition {
      Objects.requireNonNull(name);
      Objects.requireNonNull(settings);
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "tcp";
    }

    @Override
    public List<DependencyCheck> build(Vertx vertx, String userAgent) {
      return List.of(new TcpCheck(vertx, name, target));
    }
  }
}
