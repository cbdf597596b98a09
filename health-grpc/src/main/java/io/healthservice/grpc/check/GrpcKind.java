package io.healthservice.grpc.check;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@code type: grpc}: the dependency's own {@code grpc.health.v1.Health/Check}, for a service name or the server. */
public final class GrpcKind implements CheckKind {

  @Override
  public String type() {
    return "grpc";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "service", "tls_ca_file");
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. grpc://payments:50051)"));
    config.check("url", () -> UrlRules.withScheme(url, Set.of("grpc", "grpcs"), "grpc://payments:50051"));
    String service = config.string("service", "");
    Optional<String> ca = config.caFile();
    GrpcTarget target = config.check("url", () -> new GrpcTarget(url, service, ca));
    return new Definition(config.name(), config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2)), target);
  }

  /** A {@code type: grpc} entry. */
  public record Definition(String name, CheckSettings settings, GrpcTarget target) implements CheckDefinition {

    public Definition {
      Objects.requireNonNull(name);
      Objects.requireNonNull(settings);
      Objects.requireNonNull(target);
    }

    @Override
    public String type() {
      return "grpc";
    }

    @Override
    public List<DependencyCheck> build(Vertx vertx, String userAgent) {
      return List.of(new GrpcCheck(vertx, name, target));
    }
  }
}
