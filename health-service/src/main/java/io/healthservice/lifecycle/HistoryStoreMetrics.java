package io.healthservice.lifecycle;

import io.healthservice.history.pg.PgHistoryStore;
import io.healthservice.status.HistoryStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code health_history_store_up} (1 while writes reach the store), {@code health_history_store_buffered} (records
 * waiting for it) and {@code health_history_store_dropped_total} (oldest records given up when the buffer was full), and
 * {@code health_history_store_written_total}:
 * what an alert on a store outage needs. Read from the store's status, which never blocks; no label carries the URL.
 */
final class HistoryStoreMetrics {

  private HistoryStoreMetrics() {
  }

  static void bind(MeterRegistry registry, HistoryStore store) {
    Gauge.builder("health.history.store.up", store, s -> s.status().up() ? 1 : 0)
      .description("1 while the status history reaches its store, 0 while it is kept in memory only")
      .register(registry);
    Gauge.builder("health.history.store.buffered", store, s -> s.status().buffered())
      .description("History records waiting to be written to the store").register(registry);
    FunctionCounter.builder("health.history.store.dropped", store, s -> s.status().dropped())
      .description("History records dropped, oldest first, because the buffer for the store was full")
      .register(registry);
    if (store instanceof PgHistoryStore pg) {
      FunctionCounter.builder("health.history.store.written", pg, PgHistoryStore::recordsWritten)
        .description("History records written to the store").register(registry);
    }
  }
}
