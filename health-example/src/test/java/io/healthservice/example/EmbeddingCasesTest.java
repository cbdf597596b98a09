package io.healthservice.example;

import io.healthservice.CheckSettings;
import io.healthservice.HealthChecker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Router;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Redis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases docs/embedding.md shows (EmbeddingCases) build what the page says they build: the checks and
 * groups it names, routes that mount. Nothing is started, so nothing connects.
 */
class EmbeddingCasesTest {

  private final Vertx vertx = Vertx.vertx();
  private final CheckSettings settings = CheckSettings.of(true, Duration.ofSeconds(5), Duration.ofSeconds(2));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void eachCaseBuildsTheChecksThePageNames() {
    assertThat(EmbeddingCases.customCheck(vertx, Future::succeededFuture).build().snapshot().checks())
      .containsOnlyKeys("search");
    var pool = PgBuilder.pool().connectingTo("postgresql://app@localhost:5432/app").using(vertx).build();
    assertThat(EmbeddingCases.ownClients(vertx, pool, Redis.createClient(vertx, "redis://localhost:6379"), settings)
      .build().snapshot().checks()).containsOnlyKeys("database", "redis");
    HealthChecker llm = EmbeddingCases.llmGroup(vertx, "sk-test", "ak-test").build();
    assertThat(llm.snapshot().checks()).containsOnlyKeys("openai", "anthropic");
    assertThat(llm.snapshot().entryFor("llm_services")).isPresent();
    assertThat(EmbeddingCases.otherKinds(vertx, settings).build().snapshot().checks())
      .containsOnlyKeys("redis", "search", "smtp", "payments");
    assertThat(EmbeddingCases.detailsAndAlerts(vertx, EmbeddingCases.customCheck(vertx, Future::succeededFuture),
      "a-token-of-at-least-16", "https://hooks.slack.example/T0/B0/x", "routing-key", "chat-7d9f-x2k").snapshot().checks())
      .containsOnlyKeys("search");
  }

  @Test
  void theRoutesMount() {
    HealthChecker health = EmbeddingCases.customCheck(vertx, Future::succeededFuture).build();
    Router router = Router.router(vertx);
    HealthChecks theirs = HealthChecks.create(vertx);
    EmbeddingCases.mountings(health, router, theirs);
    assertThat(router.getRoutes()).extracting(r -> r.getPath()).contains("/healthz/live", "/status");
  }

  @Test
  void aCustomCheckThatFailsWithItsOwnMessageShowsItAsItsReason() throws Exception {
    HealthChecker health = EmbeddingCases.customReason(vertx, () -> Future.succeededFuture(0),
      io.healthservice.CheckSettings.of(true, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(1))).build();
    vertx.deployVerticle(new io.vertx.core.VerticleBase() {
      @Override
      public Future<?> start() {
        return health.start();
      }
    }).await(10, java.util.concurrent.TimeUnit.SECONDS);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (health.snapshot().checks().get("rooms").reason() == null
      || health.snapshot().checks().get("rooms").reason().equals("not checked yet")) {
      assertThat(System.nanoTime()).as("the first run within 10 s").isLessThan(deadline);
      Thread.sleep(20);
    }
    assertThat(health.snapshot().checks().get("rooms").reason()).isEqualTo("no rooms");
    assertThat(health.snapshot().checks().get("rooms").kind()).isEqualTo(io.healthservice.FailureKind.ERROR);
  }
}
