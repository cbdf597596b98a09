package io.healthservice.example;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.HealthChecker;
import io.healthservice.kit.Target;
import io.healthservice.metrics.HealthMetrics;
import io.healthservice.postgres.DatabaseCheck;
import io.healthservice.redis.RedisCheck;
import io.healthservice.status.StatusPages;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

import java.time.Duration;
import java.util.List;

/**
 * A chat application's own HTTP API, with the health checks embedded in its verticle and served on its
 * port: no second process, with its Prometheus metrics on {@code /metrics}. Config keys: {@code port}, {@code databaseUrl}, {@code redisUrl},
 * {@code checkIntervalMs}, {@code checkTimeoutMs}.
 */
public final class ChatApplication extends VerticleBase {

  private static final List<String> ROOMS = List.of("general", "random");

  private HealthChecker health;
  private HealthMetrics metrics;

  @Override
  public Future<?> start() {
    JsonObject conf = config();
    Duration interval = Duration.ofMillis(conf.getLong("checkIntervalMs", 5_000L));
    Duration timeout = Duration.ofMillis(conf.getLong("checkTimeoutMs", 2_000L));
    // tag::chat-checks[]
    CheckSettings critical = CheckSettings.of(true, interval, timeout);
    health = HealthChecker.builder(vertx, "ai-chatrooms", "0.1.0")
      .check(new DatabaseCheck(vertx, "database",
        Target.of(conf.getString("databaseUrl", "postgresql://postgres@localhost:5432/postgres")), false), critical)
      .check(new RedisCheck(vertx, "redis", Target.of(conf.getString("redisUrl", "redis://localhost:6379"))), critical)
      // A check of the application's own: one line (here, that the room directory is loaded).
      .check(DependencyCheck.of("rooms", () -> ROOMS.isEmpty() ? Future.failedFuture("no rooms") : Future.succeededFuture()), critical)
      .build();
    // end::chat-checks[]

    // tag::chat-routes[]
    Router router = Router.router(vertx);
    // The application's own routes.
    router.get("/api/rooms").handler(ctx -> ctx.json(new JsonArray(ROOMS)));
    // The status page for people, its data as JSON and the badges (health-status: /status, /health/history,
    // /badge/{check}.svg), from 24 h kept in memory. Before the probes, whose /health/{check} would take /health/history.
    StatusPages.mount(router, health);
    // The probes: /health, /health/live, /health/ready, /health/started, /health/{database,redis,rooms}.
    router.route("/health*").subRouter(health.router());
    // Vert.x's stock handler over the same background results (no I/O per request), for tools that read its format.
    router.get("/status/checks").handler(HealthCheckHandler.createWithHealthChecks(health.healthChecks()));
    // tag::chat-metrics[]
    // Prometheus metrics on /metrics (health-metrics): the checks' status, durations and failures, and the JVM's.
    metrics = HealthMetrics.mount(router, health, HealthMetrics.newRegistry(), "ai-chatrooms", "0.1.0");
    // end::chat-metrics[]

    return health.start()
      // The plain probes (what kubelets and load balancers send) answered in front of the router, at the cost of
      // a bare server; the router still answers every other request, including the probes' other forms.
      .compose(started -> vertx.createHttpServer().requestHandler(health.probes().fastPath("/health", router))
        .listen(conf.getInteger("port", 8080)));
    // end::chat-routes[]
  }

  @Override
  public Future<?> stop() {
    metrics.close();
    return health.stop();
  }

  /**
   * {@code java -cp ... io.healthservice.example.ChatApplication [port [databaseUrl [redisUrl]]]}: by default
   * port 8080 and the local Postgres and Redis.
   */
  public static void main(String[] args) {
    JsonObject conf = new JsonObject();
    String[] keys = {"port", "databaseUrl", "redisUrl"};
    for (int i = 0; i < Math.min(args.length, keys.length); i++) {
      conf.put(keys[i], i == 0 ? (Object) Integer.valueOf(args[i]) : args[i]);
    }
    Vertx.vertx().deployVerticle(new ChatApplication(), new DeploymentOptions().setConfig(conf))
      .onSuccess(id -> System.out.println("chat application on http://localhost:" + conf.getInteger("port", 8080)
        + "/api/rooms, probes on /health, metrics on /metrics"))
      .onFailure(Throwable::printStackTrace);
  }
}
