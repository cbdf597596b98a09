package io.healthservice.http;


import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How each provider is probed: its models list, which costs no tokens, with the provider's own key header.
 */
final class LlmPresets {

  static final String OPENAI_BASE_URL = "https://api.openai.com";
  static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com";
  static final String ANTHROPIC_VERSION = "2023-06-01";
  /** Azure OpenAI's GA data-plane version that has {@code GET /openai/models}. */
  static final String AZURE_API_VERSION = "2024-10-21";

  private LlmPresets() {
  }

  /**
   * The default base URL of {@code provider}, or {@code null} when the user must give one (Azure, self-hosted).
   * A base is everything before {@code /v1}.
   */
  static String defaultBase(LlmProvider provider) {
    return switch (provider) {
      case OPENAI -> OPENAI_BASE_URL;
      case ANTHROPIC -> ANTHROPIC_BASE_URL;
      case GEMINI -> "https://generativelanguage.googleapis.com";
      case MISTRAL -> "https://api.mistral.ai";
      case GROQ -> "https://api.groq.com/openai";
      case TOGETHER -> "https://api.together.xyz";
      case OPENROUTER -> "https://openrouter.ai/api";
      case OLLAMA -> "http://localhost:11434";
      case AZURE_OPENAI, OPENAI_COMPATIBLE, GENERIC -> null;
    };
  }

  /** {@code GET {base}/v1/models}; the key as a bearer token (OpenAI and compatible servers) or x-api-key. */
  static LlmEndpoint preset(String name, LlmProvider provider, String base, Optional<String> key,
                            String anthropicVersion) {
    return preset(name, provider, base, key, anthropicVersion, List.of(), Optional.empty());
  }

  /**
   * The model-list request of {@code provider} at {@code base}. {@code version}: Anthropic's
   * {@code anthropic-version} or Azure's {@code api-version}, ignored by the others.
   */
  static LlmEndpoint preset(String name, LlmProvider provider, String base, Optional<String> key, String version,
                            List<String> models, Optional<String> caFile) {
    String trimmed = baseOf(provider, base);
    Map<String, String> headers = new LinkedHashMap<>();
    String url = switch (provider) {
      case ANTHROPIC -> {
        key.ifPresent(k -> headers.put("x-api-key", k));
        headers.put("anthropic-version", version);
        // Paginated (20 a page by default): ask for all of them when looking for a model.
        yield v1Models(trimmed) + (models.isEmpty() ? "" : "?limit=1000");
      }
      case AZURE_OPENAI -> {
        key.ifPresent(k -> headers.put("api-key", k));
        yield trimmed + "/openai/models?api-version=" + version;
      }
      case GEMINI -> {
        // The key in a header, never in ?key=: URLs end up in logs and proxies.
        key.ifPresent(k -> headers.put("x-goog-api-key", k));
        yield trimmed + "/v1beta/models?pageSize=1000";
      }
      case OLLAMA -> {
        key.ifPresent(k -> headers.put("Authorization", "Bearer " + k)); // only behind an authenticating proxy
        yield trimmed + "/api/tags";
      }
      default -> {
        key.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
        yield v1Models(trimmed);
      }
    };
    return new LlmEndpoint(name, provider, url, headers, models, caFile);
  }

  /**
   * The base of a URL as people paste it: the base itself, the base with {@code /v1} (as SDKs take it), or
   * the provider's full model-list URL copied from its docs ({@code https://api.openai.com/v1/models}) —
   * never a doubled path. A prefix before the version stays (a gateway, groq's {@code /openai}).
   */
  static String baseOf(LlmProvider provider, String url) {
    String base = url.trim();
    int query = base.indexOf('?');
    if (query >= 0 && provider != LlmProvider.OPENAI_COMPATIBLE && provider != LlmProvider.GENERIC) {
      base = base.substring(0, query); // the preset adds its own parameters (api-version, pageSize)
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    for (String suffix : modelListSuffixes(provider)) {
      if (base.endsWith(suffix)) {
        return base.substring(0, base.length() - suffix.length());
      }
    }
    return base;
  }

  /** The tails of {@code provider}'s model-list URL that {@link #baseOf} drops, longest first. */
  private static List<String> modelListSuffixes(LlmProvider provider) {
    return switch (provider) {
      case AZURE_OPENAI -> List.of("/openai/models", "/openai");
      case GEMINI -> List.of("/v1beta/models", "/v1beta");
      case OLLAMA -> List.of("/api/tags", "/api");
      default -> List.of("/v1/models");
    };
  }

  /** Accept both https://api.openai.com and https://api.openai.com/v1, as SDKs do. */
  private static String v1Models(String base) {
    return base.endsWith("/v1") ? base + "/models" : base + "/v1/models";
  }

  /** Any URL with the configured headers; a key, if given, as a bearer token. */
  static LlmEndpoint generic(String name, String url, Map<String, String> configured, Optional<String> key,
                             List<String> models, Optional<String> caFile) {
    Map<String, String> headers = new LinkedHashMap<>(configured);
    key.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
    return new LlmEndpoint(name, LlmProvider.GENERIC, url, headers, models, caFile);
  }
}
