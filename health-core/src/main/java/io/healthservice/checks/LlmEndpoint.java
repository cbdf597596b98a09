package io.healthservice.checks;

import java.util.Map;
import java.util.Objects;

/**
 * One LLM HTTP API to probe. {@code headers} may carry keys: never log or render them.
 *
 * @param name     the endpoint's name in details, metrics and {@code /health/{name}}
 * @param provider the preset that built the request
 * @param url      the full URL probed with GET (no credentials in it)
 * @param headers  request headers, including the API key
 */
public record LlmEndpoint(String name, LlmProvider provider, String url, Map<String, String> headers) {

  public LlmEndpoint {
    Objects.requireNonNull(name);
    Objects.requireNonNull(provider);
    Objects.requireNonNull(url);
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    // Records print every component; this one must not print its headers.
    return "LlmEndpoint[name=" + name + ", provider=" + provider + ", url=" + Secrets.maskUrl(url) + "]";
  }
}
