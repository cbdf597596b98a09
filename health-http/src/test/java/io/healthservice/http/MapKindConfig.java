package io.healthservice.http;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An entry of {@code checks:} as a test writes it (the mapping a YAML example parses to), read by a kind the way the
 * service reads it: the service's reader lives in health-config, which this module does not depend on. Only what
 * the kinds here read: literal values (no {@code _env}/{@code _file} forms), the shared keys {@code critical},
 * {@code interval} and {@code timeout}; a key the kind does not have is an error, as in the service.
 */
final class MapKindConfig implements KindConfig {

  private static final Set<String> SHARED = Set.of("type", "critical", "interval", "timeout");

  private final String name;
  private final JsonObject entry;

  private MapKindConfig(String name, JsonObject entry) {
    this.name = name;
    this.entry = entry;
  }

  /** The one check {@code kind} builds from {@code entry} (which holds {@code type:} and the kind's keys). */
  static DependencyCheck check(Vertx vertx, CheckKind kind, String name, JsonObject entry) {
    MapKindConfig config = new MapKindConfig(name, entry);
    for (String key : entry.fieldNames()) {
      if (!SHARED.contains(key) && !kind.keys().contains(key)) {
        throw config.error(key, "is not a key of type: " + kind.type());
      }
    }
    if (!kind.type().equals(entry.getString("type"))) {
      throw config.error("type", "is not " + kind.type());
    }
    return kind.read(config).build(vertx, "health-service-test").get(0);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isDefaultEntry() {
    return false;
  }

  @Override
  public String path(String key) {
    return "checks." + name + "." + key;
  }

  @Override
  public boolean has(String key) {
    return entry.containsKey(key);
  }

  @Override
  public Object raw(String key) {
    return entry.getValue(key);
  }

  @Override
  public String string(String key, String def) {
    Object value = entry.getValue(key);
    return value == null ? def : String.valueOf(value);
  }

  @Override
  public int integer(String key, int def) {
    return has(key) ? Integer.parseInt(string(key, null)) : def;
  }

  @Override
  public boolean bool(String key, boolean def) {
    return has(key) ? Boolean.parseBoolean(string(key, null)) : def;
  }

  @Override
  public Duration duration(String key, Duration def, boolean zeroAllowed) {
    String text = string(key, null);
    if (text == null) {
      return def;
    }
    return text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
      : Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
  }

  @Override
  public CheckSettings settings(boolean critical, Duration interval, Duration timeout) {
    return CheckSettings.of(bool("critical", critical), duration("interval", interval, false),
      duration("timeout", timeout, false));
  }

  @Override
  public Optional<String> url() {
    return Optional.ofNullable(string("url", null));
  }

  @Override
  public Optional<String> secret(String key) {
    return Optional.ofNullable(string(key, null));
  }

  @Override
  public Optional<String> secretVariable(String variable) {
    return Optional.empty();
  }

  @Override
  public Optional<String> variable(String variable) {
    return Optional.empty();
  }

  @Override
  public Optional<String> password() {
    return Optional.empty();
  }

  @Override
  public Optional<String> caFile() {
    return Optional.ofNullable(string("tls_ca_file", null));
  }

  @Override
  public List<KindConfig> list(String key) {
    throw new UnsupportedOperationException("lists are not read in these tests");
  }

  @Override
  public void allowOnly(Set<String> keys) {
    // Only for the mappings of a list, which these tests do not read.
  }

  @Override
  public RuntimeException error(String key, String problem) {
    return new IllegalArgumentException(path(key) + ": " + problem);
  }

  @Override
  public RuntimeException variableError(String variable, String problem) {
    return new IllegalArgumentException(variable + ": " + problem);
  }
}
