package io.healthservice.redis;

import io.healthservice.kit.Secrets;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which Redis servers the check talks to first.
 *
 * @param mode       standalone, sentinel or cluster
 * @param urls       one server (standalone), the sentinels (sentinel) or seed nodes (cluster); may carry passwords
 * @param masterName the name the sentinels monitor the master under; present only in sentinel mode
 */
public record RedisTopology(RedisMode mode, List<String> urls, Optional<String> masterName) {

  public RedisTopology {
    Objects.requireNonNull(mode);
    urls = List.copyOf(urls);
    Objects.requireNonNull(masterName);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one Redis URL");
    }
  }

  /**
   * Splits a comma-separated list of URLs ({@code redis://a:26379,redis://b:26379}); a comma inside a URL
   * (a password) does not split it.
   */
  public static List<String> splitUrls(String urls) {
    List<String> list = new java.util.ArrayList<>();
    for (String url : Secrets.URL_LIST.split(urls)) {
      if (!url.isBlank()) {
        list.add(url.trim());
      }
    }
    return list;
  }

  public static RedisTopology standalone(String url) {
    return new RedisTopology(RedisMode.STANDALONE, List.of(url), Optional.empty());
  }

  @Override
  public String toString() {
    return "RedisTopology[" + mode + ", " + Secrets.maskUrls(String.join(",", urls))
      + masterName.map(m -> ", master=" + m).orElse("") + "]";
  }
}
