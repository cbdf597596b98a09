package io.healthservice.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads {@code conf/config.yaml} (or {@code $HEALTH_CONFIG}) with vertx-config, then validates it. */
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
    ConfigStoreOptions file = new ConfigStoreOptions()
      .setType("file")
      .setFormat("yaml")
      .setConfig(new JsonObject().put("path", path));
    // scanPeriod 0: read once; the service is restarted to change its settings.
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
      new ConfigRetrieverOptions().setScanPeriod(0).setIncludeDefaultStores(false).addStore(file));
    return retriever.getConfig()
      .recover(e -> Future.failedFuture(new ConfigException(key, "cannot parse " + path + " as YAML")))
      .eventually(retriever::close)
      .compose(json -> validate(json, env));
  }

  private static Future<ServiceConfig> validate(JsonObject json, Map<String, String> env) {
    try {
      return Future.succeededFuture(ConfigLoader.load(json, env));
    } catch (ConfigException e) {
      return Future.failedFuture(e);
    }
  }
}
