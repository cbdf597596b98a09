package io.healthservice.lifecycle;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.checks.DatabaseCheck;
import io.healthservice.checks.LlmEndpoint;
import io.healthservice.checks.LlmEndpointCheck;
import io.healthservice.checks.RedisCheck;
import io.healthservice.config.ServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The checks a configuration asks for, handed to the checker's builder: one entry each for the database
 * and Redis, one {@code llm_services} group for all LLM endpoints.
 */
final class ServiceChecks {

  private static final Logger LOG = Logger.getLogger("health.service");

  private ServiceChecks() {
  }

  /** Builds the checks (no I/O yet) into {@code builder} and logs one line per check: its target without secrets and its timing. */
  static HealthCheckerBuilder register(HealthCheckerBuilder builder, Vertx vertx, ServiceConfig config, BuildInfo build) {
    add(builder, new DatabaseCheck(vertx, "database", config.database().target(), config.database().mustBeWritable()),
      config.database().settings());
    add(builder, new RedisCheck(vertx, "redis", config.redis().target(), config.redis().topology()), config.redis().settings());
    if (!config.llm().endpoints().isEmpty()) {
      WebClientOptions llmClient = llmClientOptions(build);
      List<DependencyCheck> endpoints = new ArrayList<>();
      for (LlmEndpoint endpoint : config.llm().endpoints()) {
        LlmEndpointCheck check = new LlmEndpointCheck(vertx, llmClient, endpoint);
        log(check, config.llm().settings());
        endpoints.add(check);
      }
      builder.group("llm_services", config.llm().settings(), endpoints);
    }
    return builder;
  }

  private static void add(HealthCheckerBuilder builder, DependencyCheck check, CheckSettings settings) {
    log(check, settings);
    builder.check(check, settings);
  }

  private static void log(DependencyCheck check, CheckSettings s) {
    LOG.info("check=" + check.name() + " target=" + check.target() + " critical=" + s.critical()
      + " interval=" + s.interval().toMillis() + "ms timeout=" + s.timeout().toMillis() + "ms max_age="
      + s.maxAge().toMillis() + "ms");
  }

  /**
   * Each LLM endpoint builds its own client from these (so each records its own server's certificate);
   * connect and idle limits come from each run's budget.
   */
  private static WebClientOptions llmClientOptions(BuildInfo build) {
    return new WebClientOptions()
      .setUserAgent("health-service/" + build.version())
      .setFollowRedirects(false)
      .setKeepAlive(true)
      .setIdleTimeout(60)
      .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }
}
