package io.healthservice.example;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.HealthChecker;
import io.healthservice.config.HealthConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The chat application with its checks read from the standalone service's YAML (the same keys, environment
 * variables and validation): the file decides which dependencies are checked, the code adds its own.
 * Config key: {@code port}; the file is {@code conf/config.yaml} or {@code $HEALTH_CONFIG}, or the
 * {@code healthConfig} path when given.
 */
public final class ConfiguredChatApplication extends VerticleBase {

  private HealthChecker health;

  @Override
  public Future<?> start() {
    String file = config().getString("healthConfig");
    int port = config().getInteger("port", 8080);
    // tag::from-yaml[]
    Future<HealthConfig> read = file == null ? HealthConfig.read(vertx) : HealthConfig.read(vertx, Path.of(file));
    return read.compose(config -> {
      health = config.checkerBuilder(vertx, "0.1.0")
        // The application's own check beside the file's.
        .check(DependencyCheck.of("rooms", Future::succeededFuture), CheckSettings.of(true, Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .build();
      Router router = Router.router(vertx);
      router.get("/api/rooms").handler(ctx -> ctx.json(new JsonArray().add("general")));
      health.probes().addTo(router, "/health");
      return health.start().compose(started -> vertx.createHttpServer().requestHandler(router).listen(port));
    });
    // end::from-yaml[]
  }

  @Override
  public Future<?> stop() {
    return health == null ? Future.succeededFuture() : health.stop();
  }

  /** {@code java -cp ... io.healthservice.example.ConfiguredChatApplication}: port 8080, conf/config.yaml. */
  public static void main(String[] args) {
    Vertx.vertx().deployVerticle(new ConfiguredChatApplication())
      .onFailure(e -> {
        System.err.println("cannot start: " + e.getMessage());
        System.exit(2);
      });
  }
}
