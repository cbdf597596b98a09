package io.healthservice.http;

/** Who may see per-check details ({@code ?verbose}). */
public enum DetailsVisibility {
  NEVER, WHEN_AUTHORIZED, ALWAYS
}
