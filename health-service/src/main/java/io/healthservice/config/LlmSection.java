package io.healthservice.config;

import io.healthservice.checks.LlmEndpoint;
import io.healthservice.checks.LlmProvider;
import io.healthservice.monitor.CheckSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

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

  static LlmOptions read(TypedReader llm, EnvOverlay env, SecretResolver secrets) {
    llm.allowOnly(CheckSettingsReader.withSettings("endpoints"));
    CheckSettings settings = CheckSettingsReader.read(llm, false, Duration.ofSeconds(30), Duration.ofSeconds(5));
    List<LlmEndpoint> endpoints = env.isSet("LLM_API_URL")
      ? List.of(fromEnv(env, secrets))
      : endpoints(llm, secrets);
    return new LlmOptions(endpoints, settings);
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
      "api_key_file", "anthropic_version", "headers"));
    String name = node.string("name", null);
    if (name == null || !NAME.matcher(name).matches()) {
      throw node.error("name", "is required: lower-case letters, digits, '-' or '_' (at most 63)");
    }
    if (RESERVED_NAMES.contains(name) || !names.add(name)) {
      throw node.error("name", "'" + name + "' is reserved or already used");
    }
    LlmProvider provider = provider(node);
    Optional<String> key = secrets.secret(node, "api_key", null);
    LlmEndpoint endpoint = switch (provider) {
      case OPENAI -> LlmPresets.preset(name, provider, baseUrl(node, LlmPresets.OPENAI_BASE_URL), key, null);
      case ANTHROPIC -> LlmPresets.preset(name, provider, baseUrl(node, LlmPresets.ANTHROPIC_BASE_URL), key,
        node.string("anthropic_version", LlmPresets.ANTHROPIC_VERSION));
      case GENERIC -> generic(name, node, key);
    };
    if (provider != LlmProvider.GENERIC && node.has("headers")) {
      throw node.error("headers", "only the generic provider takes headers");
    }
    return endpoint;
  }

  private static LlmProvider provider(TypedReader node) {
    String text = node.string("provider", "openai");
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "openai" -> LlmProvider.OPENAI;
      case "anthropic" -> LlmProvider.ANTHROPIC;
      case "generic" -> LlmProvider.GENERIC;
      default -> throw node.error("provider",
        "must be openai, anthropic or generic, got \"" + TypedReader.printable(text) + "\"");
    };
  }

  private static String baseUrl(TypedReader node, String def) {
    return UrlRules.http(node.string("base_url", def), node.setting("base_url"));
  }

  private static LlmEndpoint generic(String name, TypedReader node, Optional<String> key) {
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
    return LlmPresets.generic(name, url, headers, key);
  }
}
