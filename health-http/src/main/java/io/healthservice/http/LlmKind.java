package io.healthservice.http;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClientOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  /** Names of the default entries: an endpoint may not take them, even where that entry is disabled. */
  private static final Set<String> TAKEN_NAMES = Set.of("database", "redis", "llm_services");
  private static final Set<String> ENDPOINT_KEYS = Set.of("name", "provider", "base_url", "url", "api_key",
    "api_key_env", "api_key_file", "anthropic_version", "api_version", "headers", "models", "tls_ca_file");

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
    List<LlmEndpoint> endpoints = envUrl.isPresent() ? List.of(fromEnv(config, envUrl.get())) : endpoints(config);
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

  private static List<LlmEndpoint> endpoints(KindConfig config) {
    Object raw = config.raw("endpoints");
    if (raw != null && !(raw instanceof JsonArray)) {
      throw config.error("endpoints", "must be a list of endpoints");
    }
    List<LlmEndpoint> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (KindConfig node : config.list("endpoints")) {
      result.add(endpoint(node, names));
    }
    return result;
  }

  private static LlmEndpoint endpoint(KindConfig node, Set<String> names) {
    node.allowOnly(ENDPOINT_KEYS);
    String name = node.string("name", null);
    if (name == null || HealthCheckerBuilder.nameProblem(name) != null) {
      throw node.error("name", "is required: lower-case letters, digits, '-' or '_' (at most 63), not a probe's path");
    }
    if (TAKEN_NAMES.contains(name) || !names.add(name)) {
      throw node.error("name", "'" + name + "' is reserved or already used");
    }
    LlmProvider provider = provider(node);
    Optional<String> key = node.secret("api_key");
    List<String> models = models(node);
    Optional<String> ca = node.caFile();
    if (provider != LlmProvider.GENERIC && node.has("headers")) {
      throw node.error("headers", "only the generic provider takes headers");
    }
    if (provider == LlmProvider.GENERIC) {
      return generic(name, node, key, models, ca);
    }
    String version = switch (provider) {
      case ANTHROPIC -> node.string("anthropic_version", LlmPresets.ANTHROPIC_VERSION);
      case AZURE_OPENAI -> node.string("api_version", LlmPresets.AZURE_API_VERSION);
      default -> null;
    };
    String base = LlmPresets.defaultBase(provider);
    if (base == null && !node.has("base_url")) {
      throw node.error("base_url", "is required for the " + configName(provider) + " provider");
    }
    String baseUrl = node.check("base_url", () -> UrlRules.http(node.string("base_url", base)));
    return LlmPresets.preset(name, provider, baseUrl, key, version, models, ca);
  }

  /** {@code azure-openai} for {@code AZURE_OPENAI}. */
  private static String configName(LlmProvider provider) {
    return provider.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static LlmProvider provider(KindConfig node) {
    String text = node.string("provider", "openai");
    for (LlmProvider provider : LlmProvider.values()) {
      if (configName(provider).equals(text.toLowerCase(Locale.ROOT))) {
        return provider;
      }
    }
    throw node.error("provider", "must be one of " + String.join(", ",
      java.util.Arrays.stream(LlmProvider.values()).map(LlmKind::configName).toList())
      + ", got \"" + UrlRules.printable(text) + "\"");
  }

  /** {@code models}: the model ids the application calls; each must be in the provider's list. */
  private static List<String> models(KindConfig node) {
    Object raw = node.raw("models");
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray array) || array.isEmpty()) {
      throw node.error("models", "must be a non-empty list of model names");
    }
    List<String> models = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof String model) || model.isBlank()) {
        throw node.error("models[" + i + "]", "must be a model name");
      }
      models.add(model.trim());
    }
    return models;
  }

  private static LlmEndpoint generic(String name, KindConfig node, Optional<String> key, List<String> models,
                                     Optional<String> ca) {
    String url = node.string("url", null);
    if (url == null) {
      throw node.error("url", "is required for the generic provider");
    }
    node.check("url", () -> UrlRules.http(url));
    Map<String, String> headers = new LinkedHashMap<>();
    Object raw = node.raw("headers");
    if (raw != null) {
      if (!(raw instanceof JsonObject map)) {
        throw node.error("headers", "must be a mapping of header name to value");
      }
      for (String header : map.fieldNames()) {
        Object value = map.getValue(header);
        if (!(value instanceof String) || header.isBlank()) {
          throw node.error("headers." + header, "must be a text value");
        }
        headers.put(header, (String) value);
      }
    }
    return LlmPresets.generic(name, url, headers, key, models, ca);
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
