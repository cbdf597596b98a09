package io.healthservice.grpc.check;

import io.healthservice.CheckSettings;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;

import java.time.Duration;
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
    String name = config.name();
    return CheckDefinition.of(name, type(), config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2)), target,
      (vertx, on) -> new GrpcCheck(vertx, name, on));
  }
}
