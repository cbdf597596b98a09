package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.LlmEndpoint;

import java.util.List;
import java.util.Objects;

/**
 * A {@code type: llm} group ({@code checks.llm_services} by default): one {@code dependencies} entry, down
 * when any endpoint is. Prints without keys: {@link LlmEndpoint} hides its headers.
 *
 * @param name      the key under {@code checks:}
 * @param endpoints the APIs to probe; empty when none is configured (then the group is left out)
 * @param settings  schedule, time budget and damping, shared by every endpoint
 */
public record LlmOptions(String name, List<LlmEndpoint> endpoints, CheckSettings settings) implements CheckOptions {

  public LlmOptions {
    Objects.requireNonNull(name);
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(settings);
  }

  @Override
  public String type() {
    return "llm";
  }
}
