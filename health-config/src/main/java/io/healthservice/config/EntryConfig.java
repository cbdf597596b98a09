package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.spi.KindConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link KindConfig} over the YAML tree and the environment: one entry of {@code checks:} (or one mapping of a
 * list inside it). A default entry ({@code database}, {@code redis}) keeps its historical variables
 * ({@code DATABASE_URL_FILE}, {@code REDIS_PASSWORD}, ...); every entry also reads {@code HEALTH_CHECK_<NAME>_<KEY>}.
 *
 * @param variablePrefix the default entry's prefix ({@code DATABASE}), or null
 */
record EntryConfig(String name, TypedReader node, EnvOverlay env, SecretResolver secrets, String variablePrefix,
                   boolean isDefaultEntry, boolean isElement) implements KindConfig {

  /** An entry of {@code checks:}. */
  static EntryConfig entry(String name, TypedReader node, EnvOverlay env, SecretResolver secrets, String prefix,
                           boolean isDefault) {
    return new EntryConfig(name, node, env, secrets, prefix, isDefault, false);
  }

  @Override
  public String path(String key) {
    return node.key(key);
  }

  @Override
  public boolean has(String key) {
    return node.has(key);
  }

  @Override
  public Object raw(String key) {
    return node.raw(key);
  }

  @Override
  public String string(String key, String def) {
    return node.string(key, def);
  }

  @Override
  public int integer(String key, int def) {
    return node.integer(key, def);
  }

  @Override
  public boolean bool(String key, boolean def) {
    return node.bool(key, def);
  }

  @Override
  public Duration duration(String key, Duration def, boolean zeroAllowed) {
    return node.duration(key, def, zeroAllowed);
  }

  @Override
  public CheckSettings settings(boolean critical, Duration interval, Duration timeout) {
    return CheckSettingsReader.read(node, critical, interval, timeout);
  }

  /** The variable of this entry for {@code suffix}: the default entry's ({@code DATABASE_PASSWORD}) or the generic one. */
  private String variableOf(String suffix) {
    return variablePrefix != null ? variablePrefix + "_" + suffix : EnvOverlay.checkVariable(name, suffix);
  }

  @Override
  public Optional<String> url() {
    Optional<String> fromFile = urlFileVariable().flatMap(secrets::urlFile);
    return fromFile.isPresent() ? fromFile : secrets.secret(node, "url", null);
  }

  /** {@code DATABASE_URL_FILE}: only a default entry with a prefix has one. */
  private Optional<String> urlFileVariable() {
    return variablePrefix == null || isElement ? Optional.empty() : Optional.of(variablePrefix + "_URL");
  }

  /** The setting an error about the URL names: the one that supplied it. */
  private String urlSetting() {
    if (urlFileVariable().isPresent() && env.isSet(variablePrefix + "_URL_FILE")) {
      return variablePrefix + "_URL_FILE";
    }
    return node.has("url_file") ? node.setting("url_file") : node.has("url_env") ? node.setting("url_env")
      : node.setting("url");
  }

  @Override
  public Optional<String> secret(String key) {
    return secrets.secret(node, key, null);
  }

  @Override
  public Optional<String> secretVariable(String variable) {
    return secrets.fromEnv(variable);
  }

  @Override
  public Optional<String> variable(String variable) {
    return Optional.ofNullable(env.get(variable));
  }

  @Override
  public Optional<String> password() {
    if (isElement) {
      return secrets.password(node, null);
    }
    // A default entry's historical variable (DATABASE_PASSWORD) first, then the generic one every entry has.
    Optional<String> historical = variablePrefix == null ? Optional.empty() : secrets.fromEnv(variablePrefix + "_PASSWORD");
    return historical.isPresent() ? historical : secrets.password(node, EnvOverlay.checkVariable(name, "PASSWORD"));
  }

  @Override
  public Optional<String> caFile() {
    String variable = isElement ? null : variableOf("TLS_CA_FILE");
    boolean fromEnv = variable != null && env.isSet(variable);
    String file = fromEnv ? env.get(variable) : node.string("tls_ca_file", null);
    if (file == null) {
      return Optional.empty();
    }
    if (!Files.isReadable(Path.of(file))) {
      throw fromEnv ? new ConfigException(variable, "cannot read file " + file) : node.error("tls_ca_file", "cannot read file " + file);
    }
    return Optional.of(file);
  }

  @Override
  public List<KindConfig> list(String key) {
    Object raw = node.raw(key);
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray array)) {
      throw node.error(key, "must be a list of mappings");
    }
    List<KindConfig> elements = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String path = node.key(key) + "[" + i + "]";
      if (!(array.getValue(i) instanceof JsonObject mapping)) {
        throw new ConfigException(path, "must be a mapping");
      }
      elements.add(new EntryConfig(path, node.element(mapping, path), env, secrets, null, false, true));
    }
    return elements;
  }

  @Override
  public void allowOnly(Set<String> keys) {
    node.allowOnly(keys);
  }

  @Override
  public RuntimeException error(String key, String problem) {
    return key.equals("url") && !isElement ? new ConfigException(urlSetting(), problem) : node.error(key, problem);
  }

  @Override
  public RuntimeException variableError(String variable, String problem) {
    return new ConfigException(variable, problem);
  }
}
