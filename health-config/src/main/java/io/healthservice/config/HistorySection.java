package io.healthservice.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code history}: {@code store} (a secret in the usual forms: {@code store}, {@code store_env},
 * {@code store_file}, or {@code HEALTH_HISTORY_STORE} / {@code HEALTH_HISTORY_STORE_FILE}), {@code instance}
 * (default {@code HOSTNAME}, else the host's name), {@code retention_days} and {@code flush_interval}. Errors name the key and never
 * show the URL, which carries a password.
 */
final class HistorySection {

  static final String STORE = "HEALTH_HISTORY_STORE";

  private HistorySection() {
  }

  static HistoryOptions read(TypedReader history, EnvOverlay env, SecretResolver secrets) {
    history.allowOnly(Set.of("store", "store_env", "store_file", "instance", "retention_days",
      "flush_interval"));
    Optional<String> store = secrets.secret(history, "store", STORE);
    store.ifPresent(url -> check(history, url));
    String instance = history.string("instance", AlertmanagerSection.defaultInstance(env));
    if (instance.isEmpty() || instance.length() > 200 || instance.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw history.error("instance", "must be 1-200 characters without control characters");
    }
    int retention = history.integer("retention_days", HistoryOptions.DEFAULT_RETENTION_DAYS);
    if (retention < 2 || retention > 3650) {
      // At least the 26 h of minutes the store keeps before it rolls them into hours.
      throw history.error("retention_days", "must be 2-3650");
    }
    Duration flush = history.duration("flush_interval", HistoryOptions.DEFAULT_FLUSH_INTERVAL, false);
    if (flush.compareTo(Duration.ofSeconds(1)) < 0 || flush.compareTo(Duration.ofMinutes(5)) > 0) {
      throw history.error("flush_interval", "must be 1s-5m");
    }
    return new HistoryOptions(store, instance, retention, flush);
  }

  private static void check(TypedReader history, String url) {
    String problem = null;
    try {
      URI uri = new URI(url);
      if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
        problem = "must be a postgresql:// URL";
      } else if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
        problem = "must name a host and a database: postgresql://user:password@host:5432/database";
      }
    } catch (java.net.URISyntaxException e) {
      problem = "is not a valid URL (a password with reserved characters must be percent-encoded)";
    }
    if (problem != null) {
      throw history.error(history.has("store_env") ? "store_env" : history.has("store_file") ? "store_file" : "store",
        problem);
    }
  }
}
