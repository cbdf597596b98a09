package io.healthservice.config;

import io.healthservice.checks.LlmEndpoint;
import io.healthservice.checks.LlmProvider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How each provider is probed: the models list, which costs no tokens, with the provider's own key header.
 */
final class LlmPresets {

  static final String OPENAI_BASE_URL = "https://api.openai.com";
  static final String ANTHROPIC_BASE_URL = "https://api.anthropic.com";
  static final String ANTHROPIC_VERSION = "2023-06-01";

  private LlmPresets() {
  }

  /** {@code GET {base}/v1/models}; the key as a bearer token (OpenAI and compatible servers) or x-api-key. */
  static LlmEndpoint preset(String name, LlmProvider provider, String base, Optional<String> key,
                            String anthropicVersion) {
    String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    // Accept both https://api.openai.com and https://api.openai.com/v1, as SDKs do.
    String url = trimmed.endsWith("/v1") ? trimmed + "/models" : trimmed + "/v1/models";
    Map<String, String> headers = new LinkedHashMap<>();
    if (provider == LlmProvider.ANTHROPIC) {
      key.ifPresent(k -> headers.put("x-api-key", k));
      headers.put("anthropic-version", anthropicVersion);
    } else {
      key.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
    }
    return new LlmEndpoint(name, provider, url, headers);
  }

  /** Any URL with the configured headers; a key, if given, as a bearer token. */
  static LlmEndpoint generic(String name, String url, Map<String, String> configured, Optional<String> key) {
    Map<String, String> headers = new LinkedHashMap<>(configured);
    key.ifPresent(k -> headers.put("Authorization", "Bearer " + k));
    return new LlmEndpoint(name, LlmProvider.GENERIC, url, headers);
  }
}
