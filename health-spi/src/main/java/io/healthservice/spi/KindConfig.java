package io.healthservice.spi;

import io.healthservice.CheckSettings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One entry of {@code checks:} as its {@link CheckKind} reads it: the environment over the file, with the
 * rules every entry shares (secrets in any of their forms, files checked readable, durations and numbers
 * parsed one way). Every problem is reported through {@link #error}, which names the setting the operator
 * wrote: the environment variable when the value came from one, the dotted key otherwise.
 */
public interface KindConfig {

  /** The entry's key under {@code checks:}. */
  String name();

  /** Whether this is the kind's {@linkplain CheckKind#defaultEntry() default entry} ({@code checks.database}). */
  boolean isDefaultEntry();

  /** The dotted key of {@code key} in this entry, e.g. {@code checks.orders-db.url}. */
  String path(String key);

  /** Whether {@code key} is written at all, in the file or by a variable. */
  boolean has(String key);

  /** The raw value (text, number, boolean, list or mapping as parsed), or null. */
  Object raw(String key);

  String string(String key, String def);

  int integer(String key, int def);

  boolean bool(String key, boolean def);

  /** {@code 500ms}, {@code 2s} or {@code 1m}, at most an hour. */
  Duration duration(String key, Duration def, boolean zeroAllowed);

  /**
   * The settings every entry shares, from the entry or else from the given defaults ({@code critical},
   * {@code interval}, {@code timeout}; {@code max_age} and thresholds derive from them).
   */
  CheckSettings settings(boolean critical, Duration interval, Duration timeout);

  /**
   * The URL: {@code url}, {@code url_env} or {@code url_file} (one of them), or the default entry's
   * historical variables; empty when none is given. Errors about it: {@code error("url", ...)}.
   */
  Optional<String> url();

  /** A secret written as {@code key}, {@code key_env} or {@code key_file} (one of them); empty when absent. */
  Optional<String> secret(String key);

  /** A secret from the environment only: {@code variable} or {@code variable_FILE}, not both. */
  Optional<String> secretVariable(String variable);

  /** The value of an environment variable, or empty when unset or blank. */
  Optional<String> variable(String variable);

  /** A password that overrides the URL's: the entry's {@code ..._PASSWORD}[{@code _FILE}] or {@code password_file}. */
  Optional<String> password();

  /** {@code tls_ca_file} (or the entry's {@code ..._TLS_CA_FILE}): a path, checked readable now. */
  Optional<String> caFile();

  /** The mappings of a list under {@code key} ({@code endpoints}), each read like an entry of its own. */
  List<KindConfig> list(String key);

  /** Keys other than {@code keys} are errors: for the mappings of a {@link #list} (an entry's own keys are {@link CheckKind#keys()}). */
  void allowOnly(java.util.Set<String> keys);

  /**
   * The problem with {@code key}, naming it as the operator wrote it. Throw it: a configuration with a
   * mistake does not start (exit code 2), and a reload that has one changes nothing.
   */
  RuntimeException error(String key, String problem);

  /** A problem with an environment variable the kind reads itself ({@link #variable}, {@link #secretVariable}). */
  RuntimeException variableError(String variable, String problem);

  /**
   * {@code rule}'s value, or its {@link IllegalArgumentException} (whose message must never hold a secret)
   * as an {@link #error} about {@code key}: for a library's own validation of a URL or a pattern.
   */
  default <T> T check(String key, Supplier<T> rule) {
    try {
      return rule.get();
    } catch (IllegalArgumentException e) {
      throw error(key, e.getMessage());
    }
  }
}
