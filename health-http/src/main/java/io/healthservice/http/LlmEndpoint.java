package io.healthservice.http;

import io.healthservice.kit.Secrets;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One LLM HTTP API to probe. {@code headers} may carry keys: never log or render them.
 *
 * @param name     the endpoint's name in details, metrics and {@code /health/{name}}
 * @param provider the preset that built the request
 * @param url      the full URL probed with GET (no credentials in it)
 * @param headers  request headers, including the API key
 * @param models   models the application calls: the check is down when the list lacks one; empty: any 2xx is up
 * @param caFile   a PEM file of the CA(s) to trust for https (self-hosted servers); empty: the JVM's trust store
 */
public record LlmEndpoint(String name, LlmProvider provider, String url, Map<String, String> headers,
                          List<String> models, Optional<String> caFile) {

  public LlmEndpoint {
    Objects.requireNonNull(name);
    Objects.requireNonNull(provider);
    Objects.requireNonNull(url);
    headers = Map.copyOf(headers);
    models = List.copyOf(models);
    Objects.requireNonNull(caFile);
  }

  /** Without models to look for, trusting the JVM's CAs. */
  public LlmEndpoint(String name, LlmProvider provider, String url, Map<String, String> headers) {
    this(name, provider, url, headers, List.of(), Optional.empty());
  }

  @Override
  public String toString() {
    // Records print every component; this one must not print its headers.
    return "LlmEndpoint[name=" + name + ", provider=" + provider + ", url=" + Secrets.maskUrl(url)
      + (models.isEmpty() ? "" : ", models=" + models) + "]";
  }
}
