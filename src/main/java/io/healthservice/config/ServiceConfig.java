package io.healthservice.config;

import io.healthservice.checks.LlmEndpoint;
import io.healthservice.checks.RedisTopology;
import io.healthservice.checks.Secrets;
import io.healthservice.checks.Target;
import io.healthservice.http.DetailsVisibility;
import io.healthservice.monitor.CheckSettings;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole, validated configuration. Built only by {@link ConfigLoader}, so every instance is valid.
 *
 * @param detailsToken   bearer token that unlocks details; empty when none is configured
 * @param databaseTarget {@code databaseUrl} with the credentials and CA that go with it
 * @param redisTarget    {@code redisUrl} with the credentials and CA that go with it
 * @param databaseMustBeWritable report the database down when it is a read-only server or a replica in recovery
 * @param redisTopology  standalone, sentinel or cluster, with the URLs to start from
 */
public record ServiceConfig(String serviceName, String httpHost, int httpPort,
                            String databaseUrl, CheckSettings database,
                            String redisUrl, CheckSettings redis,
                            List<LlmEndpoint> llmEndpoints, CheckSettings llm,
                            DetailsVisibility details, Optional<String> detailsToken,
                            Duration drain, HttpLimits httpLimits,
                            Target databaseTarget, Target redisTarget, boolean databaseMustBeWritable,
                            RedisTopology redisTopology) {

  public ServiceConfig {
    Objects.requireNonNull(serviceName);
    Objects.requireNonNull(databaseUrl);
    Objects.requireNonNull(redisUrl);
    llmEndpoints = List.copyOf(llmEndpoints);
    Objects.requireNonNull(details);
    Objects.requireNonNull(detailsToken);
    Objects.requireNonNull(httpLimits);
    Objects.requireNonNull(databaseTarget);
    Objects.requireNonNull(redisTarget);
    Objects.requireNonNull(redisTopology);
  }

  @Override
  public String toString() {
    // Never print URLs with passwords or the details token.
    return "ServiceConfig[service=" + serviceName + ", http=" + httpHost + ":" + httpPort
      + ", database=" + Secrets.maskUrl(databaseUrl) + ", redis=" + redisTopology
      + ", llm=" + llmEndpoints + ", details=" + details + ", drain=" + drain + "]";
  }
}
