package io.healthservice;

/** Who may see per-check details ({@code ?verbose}). */
public enum DetailsVisibility {
  NEVER, WHEN_AUTHORIZED, ALWAYS
}
