package io.healthservice.lifecycle;

import io.healthservice.HealthChecker;
import io.healthservice.config.HistoryOptions;
import io.healthservice.config.ServiceConfig;
import io.healthservice.history.pg.PgHistoryOptions;
import io.healthservice.history.pg.PgHistoryStore;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.status.HistoryStore;
import io.healthservice.status.MaintenanceView;
import io.healthservice.status.StatusOptions;
import io.healthservice.status.StatusPages;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The status pages of the process: this replica's name, the check kinds from the file, the maintenance windows,
 * and with {@code history.store} the shared Postgres history (started in the background: a store that is down
 * at start only makes the page say so, and the store retries by itself).
 */
final class StatusWiring {

  private static final Logger LOG = Logger.getLogger("health.service");

  private StatusWiring() {
  }

  /**
   * Records kept for a store that is down: a tenth of the heap at about 160 bytes each (measured 145), between
   * 10,000 and 200,000 — under the image's 64 MB about 40,000, 40 minutes of 1,000 checks. A store outage must
   * never cost the process its heap; past it the oldest go, counted.
   */
  static int bufferCapacity(long maxHeapBytes) {
    return (int) Math.max(10_000, Math.min(200_000, maxHeapBytes / 10 / 160));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static StatusPages create(Vertx vertx, HealthChecker checker, ServiceConfig config, MaintenanceView maintenance,
                            MeterRegistry registry) {
    HistoryOptions history = config.history();
    Map<String, String> kinds = new HashMap<>();
    for (CheckDefinition definition : config.checks()) {
      definition.checkNames().forEach(name -> kinds.put(name, definition.type()));
    }
    StatusOptions options = StatusOptions.defaults().instance(history.instance()).maintenance(maintenance)
      .kinds(kinds::get);
    if (history.store().isPresent()) {
      PgHistoryOptions pg = PgHistoryOptions.of(history.store().get(), config.serviceName(), history.instance())
        // Minutes for 26 h (the bars' 24 h and the slots' 25 h, plus an hour), then hours: the minutes are most
        // of the tables' size (about 565 MB a day for 1,000 checks on 2 replicas).
        .withRetention(history.retentionDays(), Duration.ofHours(26), Duration.ofMinutes(10))
        // The fleet is re-read as often as it is written; a replica is live while it wrote within 6 intervals.
        .withIntervals(history.flushInterval(), history.flushInterval(), Duration.ofMinutes(5),
          max(Duration.ofSeconds(60), history.flushInterval().multipliedBy(6)))
        .withBuffer(bufferCapacity(Runtime.getRuntime().maxMemory()), 20_000);
      HistoryStore store = PgHistoryStore.create(vertx, pg);
      HistoryStoreMetrics.bind(registry, store);
      options = options.store(store);
      // The store's own reason: short and sanitised (the URL carries a password, an exception's text may too).
      // start() completes after its first attempt, reached or not (the store retries by itself).
      store.start().onComplete(ar -> {
        if (!store.status().up()) {
          LOG.warning("history store: not reachable at start (" + store.status().reason()
            + "); the page shows this replica's memory until it is");
        }
      });
    }
    LOG.info("status " + history);
    return StatusPages.create(checker, options);
  }
}
