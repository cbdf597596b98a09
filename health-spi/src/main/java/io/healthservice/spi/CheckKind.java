package io.healthservice.spi;

import java.util.Optional;
import java.util.Set;

/**
 * A kind of check that a configuration names with {@code type:}: how its entries are read, validated and
 * turned into checks. Found with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.healthservice.spi.CheckKind}, or {@code provides} it from a module), so a kind
 * in its own jar needs nothing else: the configuration reader names no kind, the built-in ones included.
 *
 * <pre>{@code
 * public final class EchoKind implements CheckKind {
 *   public String type() { return "echo"; }
 *   public Set<String> keys() { return Set.of("url", "url_env", "url_file"); }
 *   public CheckDefinition read(KindConfig config) {
 *     String url = config.url().orElseThrow(() -> config.error("url", "is required (e.g. echo://host:7)"));
 *     CheckSettings settings = config.settings(true, Duration.ofSeconds(10), Duration.ofSeconds(2));
 *     return CheckDefinition.of(config.name(), type(), settings, vertx -> new EchoCheck(vertx, config.name(), url));
 *   }
 * }
 * }</pre>
 */
public interface CheckKind {

  /** The {@code type:} value that selects this kind: lower-case, e.g. {@code postgres}, {@code http}. */
  String type();

  /**
   * The keys an entry of this kind takes besides those every entry takes ({@code type}, {@code enabled},
   * {@code critical}, {@code interval}, {@code timeout}, {@code max_age}, {@code failure_threshold},
   * {@code success_threshold}, {@code certificate_warning_days}). Any other key is an error naming it.
   */
  Set<String> keys();

  /**
   * Reads and validates one entry; every mistake is thrown as {@link KindConfig#error} naming the key.
   * No I/O beyond reading files the entry names (CA files, secrets).
   */
  CheckDefinition read(KindConfig config);

  /**
   * The entry of this kind that exists without being written, as {@code checks.database} always has:
   * its name, and the environment variables it has always read. Empty for most kinds.
   */
  default Optional<DefaultEntry> defaultEntry() {
    return Optional.empty();
  }

  /**
   * An entry present by default.
   *
   * @param name      the key under {@code checks:} ({@code database})
   * @param position  where it stands among the default entries, for a stable order of {@code dependencies}
   * @param variablePrefix the prefix of its historical variables ({@code DATABASE} → {@code DATABASE_URL},
   *                  {@code DATABASE_PASSWORD}, {@code DATABASE_TLS_CA_FILE}), or null for none
   * @param variableKeys the keys that {@code <variablePrefix>_<KEY>} overrides ({@code url} → {@code DATABASE_URL})
   */
  record DefaultEntry(String name, int position, String variablePrefix, Set<String> variableKeys) {
    public DefaultEntry {
      java.util.Objects.requireNonNull(name, "name");
      variableKeys = Set.copyOf(variableKeys);
    }
  }
}
