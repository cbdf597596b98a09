package io.healthservice.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads {@code conf/config.yaml} (or {@code $HEALTH_CONFIG}) strictly ({@link YamlText}), then validates it. */
public final class ConfigReader {

  public static final String DEFAULT_PATH = "conf/config.yaml";

  private ConfigReader() {
  }

  /**
   * The validated configuration, or a failed future holding a {@link ConfigException}. The default file
   * may be missing (every setting has a default); a file named by {@code HEALTH_CONFIG} must exist.
   */
  public static Future<ServiceConfig> read(Vertx vertx, Map<String, String> env) {
    String explicit = env.get("HEALTH_CONFIG");
    if (explicit != null) {
      return read(vertx, explicit, "HEALTH_CONFIG", env);
    }
    if (!Files.exists(Path.of(DEFAULT_PATH))) {
      return validate(new JsonObject(), env);
    }
    return read(vertx, DEFAULT_PATH, DEFAULT_PATH, env);
  }

  /** {@code file}, which must exist, with {@code env} on top; errors about the file itself name {@code file}. */
  public static Future<ServiceConfig> read(Vertx vertx, Path file, Map<String, String> env) {
    return read(vertx, file.toString(), file.toString(), env);
  }

  private static Future<ServiceConfig> read(Vertx vertx, String path, String key, Map<String, String> env) {
    if (!Files.isRegularFile(Path.of(path))) {
      return Future.failedFuture(new ConfigException(key, "file not found: " + path));
    }
    // Read without blocking; parsed and validated on a worker: a file of thousands of checks takes a while.
    return vertx.fileSystem().readFile(path)
      .recover(e -> Future.failedFuture(new ConfigException(key, "cannot read file " + path)))
      .compose(bytes -> vertx.executeBlocking(() -> ConfigLoader.load(
        YamlText.parse(bytes.toString(java.nio.charset.StandardCharsets.UTF_8), key, path), env), false));
  }

  private static Future<ServiceConfig> validate(JsonObject json, Map<String, String> env) {
    try {
      return Future.succeededFuture(ConfigLoader.load(json, env));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
  }
}
