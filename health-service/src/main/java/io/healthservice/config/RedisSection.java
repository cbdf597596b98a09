package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.RedisMode;
import io.healthservice.checks.RedisTopology;
import io.healthservice.checks.Target;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads {@code checks.redis}: the topology and its URLs, credentials, CA and the check's settings. */
final class RedisSection {

  static final String DEFAULT_URL = "redis://localhost:6379";

  private RedisSection() {
  }

  static RedisOptions read(TypedReader redis, EnvOverlay env, SecretResolver secrets) {
    redis.allowOnly(CheckSettingsReader.withSettings("url", "password_file", "tls_ca_file", "mode", "master_name",
      "max_connection_age"));
    Optional<String> urlFromFile = secrets.urlFile("REDIS_URL");
    RedisTopology topology = topology(redis, urlFromFile);
    String urls = String.join(",", topology.urls());
    Duration connectionAge = CheckSettingsReader.connectionAge(redis);
    Optional<String> password = secrets.password(redis, "REDIS_PASSWORD");
    Optional<String> ca = caFile(redis, env);
    CheckSettings settings = CheckSettingsReader.read(redis, true, Duration.ofSeconds(5), Duration.ofSeconds(2));
    return new RedisOptions(new Target(urls, password, ca, connectionAge), topology, settings);
  }

  private static RedisTopology topology(TypedReader redis, Optional<String> urlFromFile) {
    String modeText = redis.string("mode", "standalone");
    RedisMode mode = switch (modeText.toLowerCase(Locale.ROOT)) {
      case "standalone" -> RedisMode.STANDALONE;
      case "sentinel" -> RedisMode.SENTINEL;
      case "cluster" -> RedisMode.CLUSTER;
      default -> throw redis.error("mode",
        "must be standalone, sentinel or cluster, got \"" + TypedReader.printable(modeText) + "\"");
    };
    String urlSetting = urlFromFile.isPresent() ? "REDIS_URL_FILE" : redis.setting("url");
    List<String> urls = new ArrayList<>();
    for (String url : RedisTopology.splitUrls(urlFromFile.orElseGet(() -> redis.string("url", DEFAULT_URL)))) {
      urls.add(UrlRules.redis(url, urlSetting));
    }
    if (urls.isEmpty()) {
      throw new ConfigException(urlSetting, "must not be empty");
    }
    if (mode == RedisMode.STANDALONE && urls.size() > 1) {
      throw new ConfigException(urlSetting,
        "lists several servers: set checks.redis.mode (REDIS_MODE) to sentinel or cluster");
    }
    if (mode == RedisMode.CLUSTER && urls.stream().anyMatch(RedisSection::selectsADatabase)) {
      throw new ConfigException(urlSetting, "a Redis Cluster has only database 0");
    }
    String masterName = redis.string("master_name", null);
    if (mode == RedisMode.SENTINEL && (masterName == null || masterName.isBlank())) {
      throw redis.error("master_name",
        "is required with mode: sentinel (the name the sentinels monitor, e.g. mymaster)");
    }
    if (mode != RedisMode.SENTINEL && masterName != null) {
      throw redis.error("master_name", "is only used with mode: sentinel");
    }
    if (masterName != null && (masterName.length() > 200 || masterName.chars().anyMatch(c -> c <= 0x20 || c == 0x7f))) {
      throw redis.error("master_name", "must be 1-200 characters without spaces or control characters");
    }
    return new RedisTopology(mode, urls, Optional.ofNullable(masterName));
  }

  private static boolean selectsADatabase(String url) {
    String db = URI.create(url).getPath();
    return db != null && db.length() > 1 && !db.equals("/0");
  }

  /** {@code tls_ca_file} or {@code REDIS_TLS_CA_FILE}: a path (not a secret), checked to be readable now. */
  private static Optional<String> caFile(TypedReader redis, EnvOverlay env) {
    String variable = "REDIS_TLS_CA_FILE";
    String file = env.isSet(variable) ? env.get(variable) : redis.string("tls_ca_file", null);
    if (file == null) {
      return Optional.empty();
    }
    if (!Files.isReadable(Path.of(file))) {
      throw new ConfigException(env.isSet(variable) ? variable : redis.key("tls_ca_file"), "cannot read file " + file);
    }
    return Optional.of(file);
  }
}
