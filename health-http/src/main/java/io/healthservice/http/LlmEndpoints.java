package io.healthservice.http;

import io.healthservice.HealthCheckerBuilder;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.KindConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads {@code endpoints} of a {@code type: llm} entry, naming the key at fault. */
final class LlmEndpoints {

  /** Names of the default entries: an endpoint may not take them, even where that entry is disabled. */
  private static final Set<String> TAKEN_NAMES = Set.of("database", "redis", "llm_services");
  private static final Set<String> ENDPOINT_KEYS = Set.of("name", "provider", "base_url", "url", "api_key",
    "api_key_env", "api_key_file", "anthropic_version", "api_version", "headers", "models", "tls_ca_file");

  private LlmEndpoints() {
  }

  static List<LlmEndpoint> read(KindConfig config) {
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
      Arrays.stream(LlmProvider.values()).map(LlmEndpoints::configName).toList())
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
}
