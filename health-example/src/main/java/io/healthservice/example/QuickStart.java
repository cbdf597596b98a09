package io.healthservice.example;

import io.healthservice.CheckSettings;
import io.healthservice.HealthChecker;
import io.healthservice.kit.Target;
import io.healthservice.postgres.DatabaseCheck;
import io.healthservice.redis.RedisCheck;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;

import java.time.Duration;

/** The README's embedding example, whole: Postgres and Redis checked in the background, the probes on the application's port. */
// tag::quickstart[]
public final class QuickStart extends VerticleBase {

  private HealthChecker health;

  @Override
  public Future<?> start() {
    CheckSettings critical = CheckSettings.of(true, Duration.ofSeconds(5), Duration.ofSeconds(2));
    health = HealthChecker.builder(vertx, "ai-chatrooms", "0.1.0")
      .check(new DatabaseCheck(vertx, "database", Target.of("postgresql://app@db:5432/app"), false), critical)
      .check(new RedisCheck(vertx, "redis", Target.of("redis://cache:6379")), critical)
      .build();
    Router router = Router.router(vertx);
    router.route("/health*").subRouter(health.router()); // /health, /health/live, /ready, /started, /{check}
    return health.start().compose(ok -> vertx.createHttpServer().requestHandler(router).listen(8080));
  }

  @Override
  public Future<?> stop() {
    return health.stop();
  }
}
// end::quickstart[]
