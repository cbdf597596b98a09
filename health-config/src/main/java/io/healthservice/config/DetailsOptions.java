package io.healthservice.config;

import io.healthservice.DetailsVisibility;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code details} section.
 *
 * @param visibility who may see per-check details
 * @param token      bearer token that unlocks details; empty when none is configured
 */
public record DetailsOptions(DetailsVisibility visibility, Optional<String> token) {

  public DetailsOptions {
    Objects.requireNonNull(visibility);
    Objects.requireNonNull(token);
  }

  @Override
  public String toString() {
    // Records print every component; this one must not print the token.
    return "DetailsOptions[visibility=" + visibility + (token.isPresent() ? ", token=***" : "") + "]";
  }
}
