package io.healthservice.config;

import io.healthservice.DetailsVisibility;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads {@code details} (also written as plain text, {@code details: always}): who may see per-check details. */
final class DetailsSection {

  private DetailsSection() {
  }

  static DetailsOptions read(TypedReader details, EnvOverlay env, SecretResolver secrets) {
    details.allowOnly(Set.of("visibility", "token", "token_file"));
    String text = details.string("visibility", "when-authorized");
    DetailsVisibility visibility = switch (text.toLowerCase(Locale.ROOT)) {
      case "never" -> DetailsVisibility.NEVER;
      case "when-authorized", "when_authorized" -> DetailsVisibility.WHEN_AUTHORIZED;
      case "always" -> DetailsVisibility.ALWAYS;
      default -> throw details.error("visibility",
        "must be never, when-authorized or always, got \"" + TypedReader.printable(text) + "\"");
    };
    Optional<String> token = secrets.secret(details, "token", "HEALTH_DETAILS_TOKEN");
    if (token.isPresent() && token.get().length() < 16) {
      throw new ConfigException(env.isSet("HEALTH_DETAILS_TOKEN") ? "HEALTH_DETAILS_TOKEN" : details.key("token"),
        "must be at least 16 characters");
    }
    return new DetailsOptions(visibility, token);
  }
}
