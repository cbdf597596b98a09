package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.LlmEndpoint;
import io.healthservice.checks.LlmProvider;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code checks.llm_services}: the endpoints from the file, or the single one that {@code LLM_API_URL}
 * (with {@code LLM_API_KEY}) describes, which then replaces them.
 */
final class LlmSection {

  static final String ENV_ENDPOINT_NAME = "llm";
  /** Names that routes or aggregates already use; an LLM endpoint may not take them. */
  private static final Set<String> RESERVED_NAMES =
    Set.of("database", "redis", "llm_services", "live", "ready", "started", "checks", "history");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private LlmSection() {
  }

  /** @param seed the historical {@code checks.llm_services}, which {@code LLM_API_URL} may replace */
  static LlmOptions read(CheckEntry entry, boolean seed) {
    entry.allowOnly("endpoints");
    TypedReader llm = entry.node();
    CheckSettings settings = entry.settings(false, Duration.ofSeconds(30), Duration.ofSeconds(5));
    List<LlmEndpoint> endpoints = seed && entry.env().isSet("LLM_API_URL")
      ? List.of(fromEnv(entry.env(), entry.secrets()))
      : endpoints(llm, entry.secrets());
    return new LlmOptions(entry.name(), endpoints, settings);
  }

  private static LlmEndpoint fromEnv(EnvOverlay env, SecretResolver secrets) {
    String base = UrlRules.http(env.get("LLM_API_URL"), "LLM_API_URL");
    Optional<String> key = secrets.fromEnv("LLM_API_KEY");
    return LlmPresets.preset(ENV_ENDPOINT_NAME, LlmProvider.OPENAI, base, key, LlmPresets.ANTHROPIC_VERSION);
  }

  private static List<LlmEndpoint> endpoints(TypedReader llm, SecretResolver secrets) {
    Object raw = llm.raw("endpoints");
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray array)) {
      throw llm.error("endpoints", "must be a list of endpoints");
    }
    List<LlmEndpoint> result = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String path = llm.key("endpoints") + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject entry)) {
        throw new ConfigException(path, "must be a mapping with name, provider and url or base_url");
      }
      result.add(endpoint(llm.element(entry, path), names, secrets));
    }
    return result;
  }

  private static LlmEndpoint endpoint(TypedReader node, Set<String> names, SecretResolver secrets) {
    node.allowOnly(Set.of("name", "provider", "base_url", "url", "api_key", "api_key_env",
      "api_key_file", "anthropic_version", "api_version", "headers", "models", "tls_ca_file"));
    String name = node.string("name", null);
    if (name == null || !NAME.matcher(name).matches()) {
      throw node.error("name", "is required: lower-case letters, digits, '-' or '_' (at most 63)");
    }
    if (RESERVED_NAMES.contains(name) || !names.add(name)) {
      throw node.error("name", "'" + name + "' is reserved or already used");
    }
    LlmProvider provider = provider(node);
    Optional<String> key = secrets.secret(node, "api_key", null);
    List<String> models = models(node);
    Optional<String> ca = caFile(node);
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
      throw node.error("base_url", "is required for the " + PROVIDERS.get(provider) + " provider");
    }
    return LlmPresets.preset(name, provider, baseUrl(node, base), key, version, models, ca);
  }

  /** Config names of the presets. */
  private static final Map<LlmProvider, String> PROVIDERS = providers();

  private static Map<LlmProvider, String> providers() {
    Map<LlmProvider, String> names = new LinkedHashMap<>();
    for (LlmProvider provider : LlmProvider.values()) {
      names.put(provider, provider.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return names;
  }

  private static LlmProvider provider(TypedReader node) {
    String text = node.string("provider", "openai");
    for (Map.Entry<LlmProvider, String> entry : PROVIDERS.entrySet()) {
      if (entry.getValue().equals(text.toLowerCase(Locale.ROOT))) {
        return entry.getKey();
      }
    }
    throw node.error("provider", "must be one of " + String.join(", ", PROVIDERS.values())
      + ", got \"" + TypedReader.printable(text) + "\"");
  }

  /** {@code models}: the model ids the application calls; each must be in the provider's list. */
  private static List<String> models(TypedReader node) {
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

  /** {@code tls_ca_file}: a path (not a secret), checked to be readable now. */
  private static Optional<String> caFile(TypedReader node) {
    String file = node.string("tls_ca_file", null);
    if (file == null) {
      return Optional.empty();
    }
    if (!Files.isReadable(Path.of(file))) {
      throw node.error("tls_ca_file", "cannot read file " + file);
    }
    return Optional.of(file);
  }

  private static String baseUrl(TypedReader node, String def) {
    return UrlRules.http(node.string("base_url", def), node.setting("base_url"));
  }

  private static LlmEndpoint generic(String name, TypedReader node, Optional<String> key, List<String> models,
                                     Optional<String> ca) {
    String url = node.string("url", null);
    if (url == null) {
      throw node.error("url", "is required for the generic provider");
    }
    UrlRules.http(url, node.setting("url"));
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
