package io.healthservice.redis;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.kit.Target;
import io.healthservice.kit.UrlRules;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;
import io.healthservice.spi.KindConfig;
import io.vertx.core.Vertx;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** {@code type: redis}: {@code checks.redis} by default, standalone, Sentinel or Cluster. */
public final class RedisKind implements CheckKind {

  /** Where the default entry connects when no URL is given. */
  public static final String DEFAULT_URL = "redis://localhost:6379";

  @Override
  public String type() {
    return "redis";
  }

  @Override
  public Set<String> keys() {
    return Set.of("url", "url_env", "url_file", "password_file", "tls_ca_file", "mode", "master_name",
      "max_connection_age", "expect_writable");
  }

  @Override
  public Optional<DefaultEntry> defaultEntry() {
    return Optional.of(new DefaultEntry("redis", 1, "REDIS", Set.of("url", "mode", "master_name")));
  }

  @Override
  public CheckDefinition read(KindConfig config) {
    String urlList = config.url().or(() -> config.isDefaultEntry() ? Optional.of(DEFAULT_URL) : Optional.empty())
      .orElseThrow(() -> config.error("url", "is required (e.g. redis://host:6379)"));
    RedisTopology topology = topology(config, urlList);
    CheckSettings settings = config.settings(true, Duration.ofSeconds(5), Duration.ofSeconds(2));
    Target target = new Target(String.join(",", topology.urls()), config.password(), config.caFile(),
      config.duration("max_connection_age", Target.DEFAULT_MAX_CONNECTION_AGE, true));
    return new Definition(config.name(), target, topology, settings, config.bool("expect_writable", false));
  }

  private static RedisTopology topology(KindConfig config, String urlList) {
    String modeText = config.string("mode", "standalone");
    RedisMode mode = switch (modeText.toLowerCase(Locale.ROOT)) {
      case "standalone" -> RedisMode.STANDALONE;
      case "sentinel" -> RedisMode.SENTINEL;
      case "cluster" -> RedisMode.CLUSTER;
      default -> throw config.error("mode", "must be standalone, sentinel or cluster, got \"" + UrlRules.printable(modeText) + "\"");
    };
    List<String> urls = new ArrayList<>();
    for (String url : RedisTopology.splitUrls(urlList)) {
      urls.add(config.check("url", () -> UrlRules.redis(url)));
    }
    if (urls.isEmpty()) {
      throw config.error("url", "must not be empty");
    }
    if (mode == RedisMode.STANDALONE && urls.size() > 1) {
      throw config.error("url", "lists several servers: set " + config.path("mode") + " to sentinel or cluster");
    }
    if (mode == RedisMode.CLUSTER && urls.stream().anyMatch(RedisKind::selectsADatabase)) {
      throw config.error("url", "a Redis Cluster has only database 0");
    }
    String masterName = config.string("master_name", null);
    if (mode == RedisMode.SENTINEL && (masterName == null || masterName.isBlank())) {
      throw config.error("master_name", "is required with mode: sentinel (the name the sentinels monitor, e.g. mymaster)");
    }
    if (mode != RedisMode.SENTINEL && masterName != null) {
      throw config.error("master_name", "is only used with mode: sentinel");
    }
    if (masterName != null && (masterName.length() > 200 || masterName.chars().anyMatch(c -> c <= 0x20 || c == 0x7f))) {
      throw config.error("master_name", "must be 1-200 characters without spaces or control characters");
    }
    return new RedisTopology(mode, urls, Optional.ofNullable(masterName));
  }

  private static boolean selectsADatabase(String url) {
    String db = URI.create(url).getPath();
    return db != null && db.length() > 1 && !db.equals("/0");
  }

  /**
   * A {@code type: redis} entry. Prints without secrets: {@link Target} and {@link RedisTopology} mask their own.
   *
   * @param expectWritable a node refusing writes is down (else a warning)
   */
  public record Definition(String name, Target target, RedisTopology topology, CheckSettings settings,
                           boolean expectWritable) implements CheckDefinition {

    public Definition {
      Objects.requireNonNull(name);
      Objects.requireNonNull(target);
      Objects.requireNonNull(topology);
      Objects.requireNonNull(settings);
    }

    @Override
    public String type() {
      return "redis";
    }

    @Override
    public List<DependencyCheck> build(Vertx vertx, String userAgent) {
      return List.of(new RedisCheck(vertx, name, target, topology, expectWritable));
    }
  }
}
