package io.healthservice.example;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.DetailsVisibility;
import io.healthservice.HealthChecker;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.grpc.GrpcHealth;
import io.healthservice.grpc.check.GrpcCheck;
import io.healthservice.grpc.check.GrpcTarget;
import io.healthservice.http.HttpCheck;
import io.healthservice.http.HttpTarget;
import io.healthservice.http.LlmEndpoint;
import io.healthservice.http.LlmEndpointCheck;
import io.healthservice.http.LlmProvider;
import io.healthservice.http.TcpCheck;
import io.healthservice.http.TcpTarget;
import io.healthservice.kit.Target;
import io.healthservice.notify.AlertmanagerSettings;
import io.healthservice.notify.Channel;
import io.healthservice.notify.Notifications;
import io.healthservice.notify.NotifySettings;
import io.healthservice.notify.NotifyStats;
import io.healthservice.postgres.DatabaseCheck;
import io.healthservice.redis.RedisCheck;
import io.healthservice.redis.RedisMode;
import io.healthservice.redis.RedisTopology;
import io.healthservice.status.StatusPages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The cases docs/embedding.md shows, one method each, compiled with the example so the page cannot drift
 * from the API. Each method only wires; none is run by the service.
 */
final class EmbeddingCases {

  private EmbeddingCases() {
  }

  static HealthCheckerBuilder customCheck(Vertx vertx, Supplier<Future<?>> searchPing) {
    CheckSettings settings = CheckSettings.of(false, Duration.ofSeconds(10), Duration.ofSeconds(2));
    // tag::custom-check[]
    return HealthChecker.builder(vertx, "ai-chatrooms", "0.1.0")
      .check(DependencyCheck.of("search", () -> searchPing.get()), settings);
    // end::custom-check[]
  }

  static HealthCheckerBuilder customReason(Vertx vertx, Supplier<Future<Integer>> openRooms, CheckSettings settings) {
    // tag::custom-reason[]
    return HealthChecker.builder(vertx, "ai-chatrooms", "0.1.0")
      .check(DependencyCheck.of("rooms", () -> openRooms.get()
        .compose(rooms -> rooms > 0 ? Future.succeededFuture() : Future.failedFuture("no rooms"))), settings);
    // end::custom-reason[]
  }

  static HealthCheckerBuilder ownClients(Vertx vertx, Pool pool, Redis redis, CheckSettings critical) {
    // tag::own-clients[]
    return HealthChecker.builder(vertx, "ai-chatrooms", "0.1.0")
      .check(DatabaseCheck.using(vertx, "database", pool, false), critical) // the check never closes them
      .check(RedisCheck.using("redis", redis), critical);
    // end::own-clients[]
  }

  static HealthCheckerBuilder llmGroup(Vertx vertx, String openAiKey, String anthropicKey) {
    // tag::llm-group[]
    List<LlmEndpointCheck> llms = List.of(
      new LlmEndpointCheck(vertx, new WebClientOptions(), new LlmEndpoint("openai", LlmProvider.OPENAI,
        "https://api.openai.com/v1/models", Map.of("Authorization", "Bearer " + openAiKey))),
      new LlmEndpointCheck(vertx, new WebClientOptions(), new LlmEndpoint("anthropic", LlmProvider.ANTHROPIC,
        "https://api.anthropic.com/v1/models", Map.of("x-api-key", anthropicKey, "anthropic-version", "2023-06-01"))));
    return HealthChecker.builder(vertx, "ai-chatrooms", "0.1.0")
      .group("llm_services", CheckSettings.of(false, Duration.ofSeconds(30), Duration.ofSeconds(5)), llms);
    // end::llm-group[]
  }

  static HealthCheckerBuilder otherKinds(Vertx vertx, CheckSettings settings) {
    // tag::other-kinds[]
    return HealthChecker.builder(vertx, "ai-chatrooms", "0.1.0")
      .check(new RedisCheck(vertx, "redis", Target.of("redis://s1:26379,redis://s2:26379"),
        new RedisTopology(RedisMode.SENTINEL, List.of("redis://s1:26379", "redis://s2:26379"), Optional.of("mymaster"))),
        settings)
      .check(new HttpCheck(vertx, "search", HttpTarget.get("http://search:9200/_cluster/health")), settings)
      .check(new TcpCheck(vertx, "smtp", TcpTarget.parse("tcp://smtp:25", Optional.empty())), settings)
      .check(new GrpcCheck(vertx, "payments", new GrpcTarget("grpc://payments:50051", "payments.v1.Payments",
        Optional.empty())), settings);
    // end::other-kinds[]
  }

  static HealthChecker detailsAndAlerts(Vertx vertx, HealthCheckerBuilder builder, String token, String slackUrl,
                                       String routingKey, String podName) {
    // tag::details-and-alerts[]
    return builder
      .details(DetailsVisibility.WHEN_AUTHORIZED, Optional.of(token)) // ?verbose for "Authorization: Bearer <token>"
      // health-notify: listeners attached to the checker, on its clock, closed by health.stop()
      .attach(Notifications.webhooks(vertx, "ai-chatrooms", NotifySettings.defaults(),
        List.of(Channel.slack(slackUrl), Channel.pagerDuty(Channel.PAGERDUTY_EVENTS_URL, routingKey)), NotifyStats.NONE))
      .attach(Notifications.alertmanager(vertx, "ai-chatrooms", // podName: this replica, in each alert
        AlertmanagerSettings.of(List.of("http://alertmanager:9093"), podName)))
      .build();
    // end::details-and-alerts[]
  }

  static void mountings(HealthChecker health, Router router, HealthChecks theirs) {
    // tag::mountings[]
    StatusPages.mount(router, health);                   // health-status: /status, /health/history, /badge/{check}.svg
    router.route("/health*").subRouter(health.router()); // the probes under /health, in a sub-router
    health.probes().addTo(router, "/healthz");           // or added straight to the router (no sub-router)
    health.registerInto(theirs);                         // into the application's own HealthCheckHandler
    // end::mountings[]
  }

  static Future<HttpServer> grpc(Vertx vertx, HealthChecker health, Router router) {
    // tag::grpc[]
    GrpcHealth grpc = GrpcHealth.create(vertx, health, 100); // at most 100 Watch calls; drained by startDraining()
    return vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
      .requestHandler(grpc.beside(router)) // application/grpc → gRPC health, the rest → the router
      .listen(8000);
    // end::grpc[]
  }

  static Future<Void> shutdown(HealthChecker health, Vertx vertx) {
    // tag::shutdown[]
    health.startDraining(); // /health/ready turns 503 at once, /health/live stays 200
    return Future.<Void>future(p -> vertx.setTimer(5_000, t -> p.complete())) // let load balancers notice
      .compose(drained -> health.stop());                                    // then stop the checks
    // end::shutdown[]
  }
}
