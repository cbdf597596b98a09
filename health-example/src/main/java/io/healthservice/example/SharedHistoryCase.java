package io.healthservice.example;

import io.healthservice.HealthChecker;
import io.healthservice.history.pg.PgHistoryOptions;
import io.healthservice.history.pg.PgHistoryStore;
import io.healthservice.maintenance.MaintenanceWindows;
import io.healthservice.status.StatusOptions;
import io.healthservice.status.StatusPages;
import io.vertx.core.Vertx;

import java.time.Duration;

/** docs/history-store.md's embedding example: the status pages on a shared Postgres history, with maintenance windows. */
final class SharedHistoryCase {

  private SharedHistoryCase() {
  }

  static StatusPages sharedHistory(Vertx vertx, HealthChecker health, String url, MaintenanceWindows windows) {
    // tag::shared-history[]
    String replica = PgHistoryOptions.defaultInstance();                 // HOSTNAME: the pod's name
    PgHistoryStore store = PgHistoryStore.create(vertx, PgHistoryOptions.of(url, "ai-chatrooms", replica)
      .withRetention(90, Duration.ofHours(26), Duration.ofMinutes(10))); // 90 days; minutes for 26 h, then hours
    store.start();                                                       // one attempt, reached or not: never fatal
    StatusPages pages = StatusPages.create(health, StatusOptions.defaults()
      .instance(replica).store(store).maintenance(windows::windowFor));  // before health.start()
    // end::shared-history[]
    return pages;
  }
}
