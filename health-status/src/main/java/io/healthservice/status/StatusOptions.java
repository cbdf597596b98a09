package io.healthservice.status;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the status pages read besides the checker, with safe defaults: this replica's memory as the only history,
 * no maintenance windows, each check's kind unknown (the page groups by dependency group instead). Immutable:
 * each method returns a copy.
 *
 * <pre>{@code
 * StatusOptions options = StatusOptions.defaults()
 *     .instance("pod-7")
 *     .store(historyStore)
 *     .maintenance(windows)
 *     .kinds(check -> config.kindOf(check));
 * StatusPages pages = StatusPages.create(checker, options);
 * }</pre>
 *
 * @param instance    this replica's name in the store (default: {@code $HOSTNAME}, else {@code local})
 * @param store       the durable, shared history, if any
 * @param maintenance which window covers a check at an instant
 * @param kinds       a check's kind by its name (e.g. {@code redis}, {@code tcp}), for filtering and grouping
 */
public record StatusOptions(String instance, Optional<HistoryStore> store, MaintenanceView maintenance,
                            Function<String, Optional<String>> kinds) {

  public StatusOptions {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(maintenance, "maintenance");
    Objects.requireNonNull(kinds, "kinds");
  }

  /** No store, no windows, no kinds; the host's name as the instance. */
  public static StatusOptions defaults() {
    return new StatusOptions(hostName(), Optional.empty(), MaintenanceView.NONE, check -> Optional.empty());
  }

  public StatusOptions instance(String name) {
    return new StatusOptions(name, store, maintenance, kinds);
  }

  public StatusOptions store(HistoryStore historyStore) {
    return new StatusOptions(instance, Optional.of(historyStore), maintenance, kinds);
  }

  public StatusOptions maintenance(MaintenanceView view) {
    return new StatusOptions(instance, store, view, kinds);
  }

  /** {@code kindOf} answers a check's kind by its name, e.g. from the configuration. */
  public StatusOptions kinds(Function<String, String> kindOf) {
    Objects.requireNonNull(kindOf, "kindOf");
    return new StatusOptions(instance, store, maintenance, check -> Optional.ofNullable(kindOf.apply(check)));
  }

  /** {@code HOSTNAME} (a pod's name on Kubernetes): no name lookup, which may wait on DNS at start. */
  private static String hostName() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? "local" : host;
  }
}
