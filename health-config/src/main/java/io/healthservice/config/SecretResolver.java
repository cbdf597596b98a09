package io.healthservice.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every way a secret may be given, resolved in one place: literally ({@code key}), through another variable
 * ({@code key_env}), from a file ({@code key_file}, a Kubernetes secret mount), or from the environment
 * ({@code NAME}, {@code NAME_FILE}, and {@code *_URL_FILE} for a whole URL). Giving two forms at once is an
 * error rather than a silent precedence, and no message ever contains a secret's value.
 */
final class SecretResolver {

  private final EnvOverlay env;

  SecretResolver(EnvOverlay env) {
    this.env = env;
  }

  /**
   * {@code key}, {@code key_env} or {@code key_file} in {@code node}; the environment's {@code variable} or
   * {@code variable_FILE} wins over all three when set. {@code variable} may be null: no environment form.
   */
  Optional<String> secret(TypedReader node, String key, String variable) {
    Optional<String> fromEnv = variable == null ? Optional.empty() : fromEnv(variable);
    if (fromEnv.isPresent()) {
      return fromEnv;
    }
    int given = 0;
    Optional<String> value = Optional.empty();
    if (node.has(key)) {
      given++;
      value = Optional.of(node.string(key, ""));
    }
    if (node.has(key + "_env")) {
      given++;
      String other = node.string(key + "_env", "");
      String fromOther = env.get(other);
      if (fromOther == null) {
        throw node.error(key + "_env", "environment variable " + other + " is not set");
      }
      value = Optional.of(fromOther);
    }
    if (node.has(key + "_file")) {
      given++;
      value = Optional.of(readFile(node.string(key + "_file", ""), node.setting(key + "_file")));
    }
    if (given > 1) {
      throw node.error(key, "give only one of " + key + ", " + key + "_env and " + key + "_file");
    }
    value.ifPresent(v -> {
      if (v.isEmpty() || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        throw node.error(key, "must be non-empty with no control characters");
      }
    });
    return value;
  }

  /** {@code NAME} or {@code NAME_FILE}, not both. */
  Optional<String> fromEnv(String name) {
    String direct = env.get(name);
    String file = env.get(name + "_FILE");
    if (direct != null && file != null) {
      throw new ConfigException(name, "set either " + name + " or " + name + "_FILE, not both");
    }
    if (file != null) {
      return Optional.of(readFile(file, name + "_FILE"));
    }
    if (direct != null && direct.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new ConfigException(name, "must not contain control characters");
    }
    return Optional.ofNullable(direct);
  }

  /** {@code DATABASE_URL_FILE}: a whole URL (credentials included) from a file; it replaces the {@code url} key. */
  Optional<String> urlFile(String variable) {
    String file = env.get(variable + "_FILE");
    if (file == null) {
      return Optional.empty();
    }
    if (env.isSet(variable)) {
      throw new ConfigException(variable, "set either " + variable + " or " + variable + "_FILE, not both");
    }
    return Optional.of(readFile(file, variable + "_FILE"));
  }

  /**
   * A password that overrides the URL's: {@code variable}, {@code variable_FILE} or the {@code password_file}
   * key (there is deliberately no literal {@code password} key: it belongs in the URL or a file).
   */
  Optional<String> password(TypedReader node, String variable) {
    Optional<String> fromEnv = variable == null ? Optional.empty() : fromEnv(variable);
    if (fromEnv.isPresent() || !node.has("password_file")) {
      return fromEnv;
    }
    return Optional.of(readFile(node.string("password_file", ""), node.setting("password_file")));
  }

  /** The file's content without surrounding white space: secret mounts end with a newline more often than not. */
  static String readFile(String file, String setting) {
    String value;
    try {
      value = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(setting, "cannot read file " + file);
    }
    if (value.isEmpty()) {
      throw new ConfigException(setting, "file " + file + " is empty");
    }
    return value;
  }
}
