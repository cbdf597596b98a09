package io.healthservice.lifecycle;

import io.healthservice.checks.DatabaseCheck;
import io.healthservice.checks.DependencyCheck;
import io.healthservice.checks.LlmEndpoint;
import io.healthservice.checks.LlmEndpointCheck;
import io.healthservice.checks.RedisCheck;
import io.healthservice.config.ServiceConfig;
import io.healthservice.monitor.CheckSettings;
import io.healthservice.monitor.DependencyGroup;
import io.healthservice.monitor.MonitoredCheck;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The checks a configuration asks for and how they group into {@code dependencies}: one group each for
 * the database and Redis, one {@code llm_services} group for all LLM endpoints.
 */
record ServiceChecks(List<DependencyGroup> groups, List<MonitoredCheck> checks) {

  private static final Logger LOG = Logger.getLogger("health.service");

  ServiceChecks {
    groups = List.copyOf(groups);
    checks = List.copyOf(checks);
  }

  /** Builds the checks (no I/O yet) and logs one line per check: its target without secrets and its timing. */
  static ServiceChecks of(Vertx vertx, ServiceConfig config, BuildInfo build) {
    List<DependencyGroup> groups = new ArrayList<>();
    List<MonitoredCheck> checks = new ArrayList<>();
    add(groups, checks, new DatabaseCheck(vertx, "database", config.database().target(),
      config.database().mustBeWritable()), config.database().settings());
    add(groups, checks, new RedisCheck(vertx, "redis", config.redis().target(), config.redis().topology()), config.redis().settings());
    if (!config.llm().endpoints().isEmpty()) {
      WebClientOptions llmClient = llmClientOptions(config, build);
      List<String> names = new ArrayList<>();
      for (LlmEndpoint endpoint : config.llm().endpoints()) {
        checks.add(new MonitoredCheck(new LlmEndpointCheck(vertx, llmClient, endpoint),
          config.llm().settings()));
        names.add(endpoint.name());
      }
      groups.add(new DependencyGroup("llm_services", config.llm().settings().critical(), names));
    }
    for (MonitoredCheck c : checks) {
      CheckSettings s = c.settings();
      LOG.info("check=" + c.check().name() + " target=" + c.check().target() + " critical=" + s.critical()
        + " interval=" + s.interval().toMillis() + "ms timeout=" + s.timeout().toMillis() + "ms max_age="
        + s.maxAge().toMillis() + "ms");
    }
    return new ServiceChecks(groups, checks);
  }

  /** Each LLM endpoint builds its own client from these (so each records its own server's certificate). */
  private static WebClientOptions llmClientOptions(ServiceConfig config, BuildInfo build) {
    return new WebClientOptions()
      .setUserAgent("health-service/" + build.version())
      .setFollowRedirects(false)
      .setConnectTimeout((int) config.llm().settings().timeout().toMillis())
      .setKeepAlive(true)
      .setIdleTimeout(60)
      .setIdleTimeoutUnit(TimeUnit.SECONDS);
  }

  private static void add(List<DependencyGroup> groups, List<MonitoredCheck> checks, DependencyCheck check,
                          CheckSettings settings) {
    checks.add(new MonitoredCheck(check, settings));
    groups.add(new DependencyGroup(check.name(), settings.critical(), List.of(check.name())));
  }
}
