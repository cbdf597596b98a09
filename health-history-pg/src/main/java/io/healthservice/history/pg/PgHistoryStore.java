package io.healthservice.history.pg;

import io.healthservice.history.pg.impl.PgStore;
import io.healthservice.status.HistoryStore;
import io.vertx.core.Vertx;

/** The Postgres {@link HistoryStore}: docs/history-store.md. */
public final class PgHistoryStore {

  private PgHistoryStore() {
  }

  /**
   * A store not yet started ({@link HistoryStore#start()}).
   *
   * @throws IllegalArgumentException when the URL is not a Postgres URL (the message never quotes it)
   */
  public static HistoryStore create(Vertx vertx, PgHistoryOptions options) {
    return new PgStore(vertx, options);
  }
}
