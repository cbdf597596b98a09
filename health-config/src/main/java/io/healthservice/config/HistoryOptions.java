package io.healthservice.config;

import io.healthservice.kit.Secrets;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code history}: where the status history outlives the process and is shared by the replicas (opt-in).
 *
 * @param store         the Postgres URL ({@code postgresql://user:password@host:5432/db}), empty: memory only
 * @param instance      this replica's name on the page and in the store (the pod's name in Kubernetes)
 * @param retentionDays how long the store keeps history (the service keeps minutes 26 h, then hours)
 * @param flushInterval how often this replica writes to the store and re-reads the fleet
 */
public record HistoryOptions(Optional<String> store, String instance, int retentionDays, Duration flushInterval) {

  public static final int DEFAULT_RETENTION_DAYS = 90;
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(10);

  public HistoryOptions {
    Objects.requireNonNull(store);
    Objects.requireNonNull(instance);
    Objects.requireNonNull(flushInterval);
  }

  @Override
  public String toString() {
    // For the log: where the store is, never its password.
    return "history=" + store.map(Secrets::maskUrl).orElse("memory") + " instance=" + instance
      + (store.isPresent() ? " retention_days=" + retentionDays + " flush_interval=" + flushInterval.toMillis() + "ms" : "");
  }
}
