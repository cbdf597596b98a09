package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.LlmEndpoint;

import java.util.List;
import java.util.Objects;

/**
 * The {@code checks.llm_services} section. Prints without keys: {@link LlmEndpoint} hides its headers.
 *
 * @param endpoints the APIs to probe; empty when none is configured
 * @param settings  schedule, time budget and damping, shared by every endpoint
 */
public record LlmOptions(List<LlmEndpoint> endpoints, CheckSettings settings) {

  public LlmOptions {
    endpoints = List.copyOf(endpoints);
    Objects.requireNonNull(settings);
  }
}
