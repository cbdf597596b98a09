package io.healthservice.config;

import io.healthservice.CheckSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * One entry under {@code checks:} as its kind's reader sees it: the key's name, its mapping, and the
 * settings every kind shares (URL with {@code url_env}/{@code url_file}, {@code password_file}, CA file,
 * connection age). A seed entry ({@code database}, {@code redis}) keeps its historical variables
 * ({@code DATABASE_URL}, {@code REDIS_PASSWORD}, ...); every entry also reads {@code HEALTH_CHECK_<NAME>_<KEY>}.
 */
record CheckEntry(String name, TypedReader node, EnvOverlay env, SecretResolver secrets, String legacyPrefix) {

  /** The keys every kind takes, besides its own. */
  static final Set<String> COMMON_KEYS = Set.of("type", "enabled");

  /** Unknown keys are errors: the common ones, the schedule's, and {@code own}. */
  void allowOnly(String... own) {
    Set<String> keys = new java.util.HashSet<>(CheckSettingsReader.withSettings(own));
    keys.addAll(COMMON_KEYS);
    node.allowOnly(keys);
  }

  CheckSettings settings(boolean critical, Duration interval, Duration timeout) {
    return CheckSettingsReader.read(node, critical, interval, timeout);
  }

  /** The variable a seed entry has always had ({@code DATABASE_PASSWORD}), or the generic one. */
  String variable(String suffix) {
    return legacyPrefix != null ? legacyPrefix + "_" + suffix : EnvOverlay.checkVariable(name, suffix);
  }

  /**
   * The URL: {@code url}, {@code url_env} or {@code url_file} (or the seed's {@code DATABASE_URL_FILE}),
   * validated by {@code rule} (given the URL and the setting to name), else {@code fallback} when there is one.
   */
  String url(String fallback, String example, BiFunction<String, String, String> rule) {
    Optional<String> fromFile = legacyPrefix != null ? secrets.urlFile(legacyPrefix + "_URL") : Optional.empty();
    String setting = fromFile.isPresent() ? legacyPrefix + "_URL_FILE"
      : node.has("url_file") ? node.setting("url_file") : node.has("url_env") ? node.setting("url_env") : node.setting("url");
    Optional<String> url = fromFile.isPresent() ? fromFile : secrets.secret(node, "url", null);
    if (url.isEmpty() && fallback == null) {
      throw node.error("url", "is required (e.g. " + example + ")");
    }
    return rule.apply(url.orElse(fallback), setting);
  }

  /** A password that overrides the URL's: the entry's variable ({@code ..._PASSWORD}[{@code _FILE}]) or {@code password_file}. */
  Optional<String> password() {
    return secrets.password(node, variable("PASSWORD"));
  }

  /** {@code tls_ca_file} (or the entry's {@code ..._TLS_CA_FILE}): a path, not a secret, checked to be readable now. */
  Optional<String> caFile() {
    String variable = variable("TLS_CA_FILE");
    String file = env.isSet(variable) ? env.get(variable) : node.string("tls_ca_file", null);
    if (file == null) {
      return Optional.empty();
    }
    if (!Files.isReadable(Path.of(file))) {
      throw new ConfigException(env.isSet(variable) ? variable : node.key("tls_ca_file"), "cannot read file " + file);
    }
    return Optional.of(file);
  }

  Duration connectionAge() {
    return CheckSettingsReader.connectionAge(node);
  }
}
