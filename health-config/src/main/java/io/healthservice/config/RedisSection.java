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

  /** @param seed the historical {@code checks.redis}: a default URL and the {@code REDIS_*} variables */
  static RedisOptions read(CheckEntry entry, boolean seed) {
    entry.allowOnly("url", "url_env", "url_file", "password_file", "tls_ca_file", "mode", "master_name",
      "max_connection_age", "expect_writable");
    TypedReader redis = entry.node();
    RedisTopology[] read = new RedisTopology[1];
    entry.url(seed ? DEFAULT_URL : null, "redis://host:6379", (urlList, setting) -> {
      read[0] = topology(redis, urlList, setting);
      return urlList;
    });
    RedisTopology topology = read[0];
    String urls = String.join(",", topology.urls());
    CheckSettings settings = entry.settings(true, Duration.ofSeconds(5), Duration.ofSeconds(2));
    return new RedisOptions(entry.name(), new Target(urls, entry.password(), entry.caFile(), entry.connectionAge()),
      topology, settings, redis.bool("expect_writable", false));
  }

  private static RedisTopology topology(TypedReader redis, String urlList, String urlSetting) {
    String modeText = redis.string("mode", "standalone");
    RedisMode mode = switch (modeText.toLowerCase(Locale.ROOT)) {
      case "standalone" -> RedisMode.STANDALONE;
      case "sentinel" -> RedisMode.SENTINEL;
      case "cluster" -> RedisMode.CLUSTER;
      default -> throw redis.error("mode",
        "must be standalone, sentinel or cluster, got \"" + TypedReader.printable(modeText) + "\"");
    };
    List<String> urls = new ArrayList<>();
    for (String url : RedisTopology.splitUrls(urlList)) {
      urls.add(UrlRules.redis(url, urlSetting));
    }
    if (urls.isEmpty()) {
      throw new ConfigException(urlSetting, "must not be empty");
    }
    if (mode == RedisMode.STANDALONE && urls.size() > 1) {
      throw new ConfigException(urlSetting,
        "lists several servers: set " + redis.key("mode") + " to sentinel or cluster");
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

}
