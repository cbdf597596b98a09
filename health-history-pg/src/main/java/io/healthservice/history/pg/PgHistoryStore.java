package io.healthservice.history.pg;

import io.healthservice.history.pg.impl.PgStore;
import io.healthservice.status.HistoryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Optional;

/** The Postgres {@link HistoryStore}: docs/history-store.md. Thread-safe. */
public final class PgHistoryStore implements HistoryStore {

  private final PgStore store;

  private PgHistoryStore(PgStore store) {
    this.store = store;
  }

  /**
   * A store not yet started ({@link HistoryStore#start()}).
   *
   * @throws IllegalArgumentException when the URL is not a Postgres URL (the message never quotes it)
   */
  public static PgHistoryStore create(Vertx vertx, PgHistoryOptions options) {
    return new PgHistoryStore(new PgStore(vertx, options));
  }

  @Override
  public void offer(Batch batch) {
    store.offer(batch);
  }

  @Override
  public Optional<Fleet> fleet() {
    return store.fleet();
  }

  @Override
  public StoreStatus status() {
    return store.status();
  }

  /** Records (minutes, transitions, states) flushed to the store since the start: for a counter. */
  public long recordsWritten() {
    return store.rowsWritten();
  }

  @Override
  public Future<Void> start() {
    return store.start();
  }

  @Override
  public Future<Void> close() {
    return store.close();
  }

  /** The implementation, for the tests' direct flushes, reads and housekeeping runs. */
  PgStore impl() {
    return store;
  }
}
