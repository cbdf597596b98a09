package io.healthservice.http;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code type: llm}: a group of LLM API endpoints ({@code checks.llm_services} by default), one
 * {@code dependencies} entry down when any endpoint is. The default entry takes a single endpoint from
 * {@code LLM_API_URL} (with {@code LLM_API_KEY}), which then replaces the file's.
 */
public final class LlmKind implements CheckKind {

  static final String ENV_ENDPOINT_NAME = "llm";

  @Override
  public String type() {
    return "llm";
  }

  @Override
  public Set<String> keys() {
    return Set.of("endpoints");
  }

  @Override
  public Optional<DefaultEntry> defaultEntry() {
    return Optional.of(new DefaultEntry("llm_services", 2, null, Set.of()));
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    CheckSettings settings = config.settings(false, Duration.ofSeconds(30), Duration.ofSeconds(5));
    Optional<String> envUrl = config.isDefaultEntry() ? config.variable("LLM_API_URL") : Optional.empty();
    List<LlmEndpoint> endpoints = envUrl.isPresent() ? List.of(fromEnv(config, envUrl.get())) : LlmEndpoints.read(config);
    return new Definition(config.name(), endpoints, settings);
  }

  private static LlmEndpoint fromEnv(KindConfig config, String url) {
    String base = checkedHttp(config, "LLM_API_URL", url);
    Optional<String> key = config.secretVariable("LLM_API_KEY");
    return LlmPresets.preset(ENV_ENDPOINT_NAME, LlmProvider.OPENAI, base, key, LlmPresets.ANTHROPIC_VERSION);
  }

  /** An http(s) URL, or an error naming {@code variable} (an environment variable, not a key of the entry). */
  private static String checkedHttp(KindConfig config, String variable, String url) {
    try {
      return UrlRules.http(url);
    } catch (IllegalArgumentException e) {
      throw config.variableError(variable, e.getMessage());
    }
  }

  /**
   * A {@code type: llm} group. Prints without keys: {@link LlmEndpoint} hides its headers.
   *
   * @param endpoints the APIs to probe; empty when none is configured (then the group is left out)
   */
  public record Definition(String name, List<LlmEndpoint> endpoints, CheckSettings settings) implements CheckDefinition {

    public Definition {
      Objects.requireNonNull(name);
      endpoints = List.copyOf(endpoints);
      Objects.requireNonNull(settings);
    }

    @Override
    public String type() {
      return "llm";
    }

    @Override
    public boolean isGroup() {
      return true;
    }

    @Override
    public List<String> checkNames() {
      return endpoints.stream().map(LlmEndpoint::name).toList();
    }

    @Override
    public List<DependencyCheck> build(Vertx vertx, String userAgent) {
      WebClientOptions client = clientOptions(userAgent);
      List<DependencyCheck> checks = new ArrayList<>();
      endpoints.forEach(endpoint -> checks.add(new LlmEndpointCheck(vertx, client, endpoint)));
      return checks;
    }

    /** Each endpoint builds its own client from these (so each records its own server's certificate). */
    private static WebClientOptions clientOptions(String userAgent) {
      return new WebClientOptions().setUserAgent(userAgent).setFollowRedirects(false).setKeepAlive(true)
        .setIdleTimeout(60).setIdleTimeoutUnit(TimeUnit.SECONDS);
    }
  }
}
