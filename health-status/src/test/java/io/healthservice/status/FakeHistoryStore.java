package io.healthservice.status;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A history store in memory: keeps every batch offered; its fleet and status are what the test sets. */
public final class FakeHistoryStore implements HistoryStore {

  public final List<Batch> batches = new CopyOnWriteArrayList<>();
  public volatile Optional<Fleet> fleet = Optional.empty();
  public volatile StoreStatus status = new StoreStatus(true, Instant.EPOCH, null, 0, 0);
  public volatile boolean closed;

  @Override
  public void offer(Batch batch) {
    batches.add(batch);
  }

  @Override
  public Optional<Fleet> fleet() {
    return fleet;
  }

  @Override
  public StoreStatus status() {
    return status;
  }

  @Override
  public Future<Void> start() {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    return Future.succeededFuture();
  }

  public List<Minute> minutes() {
    return batches.stream().flatMap(b -> b.minutes().stream()).toList();
  }

  public List<Change> changes() {
    return batches.stream().flatMap(b -> b.transitions().stream()).toList();
  }
}
