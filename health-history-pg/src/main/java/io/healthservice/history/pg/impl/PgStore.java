package io.healthservice.history.pg.impl;

import io.healthservice.MonitorClock;
import io.healthservice.history.pg.PgHistoryOptions;
import io.healthservice.status.HistoryStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The store: {@link #offer} only buffers; timers on the monitor's clock flush the buffer, re-read the fleet and
 * run the housekeeping, each at most once at a time. A failed flush keeps the buffer and marks the store down
 * (one warning); the next success marks it up (one info line) and catches up, one bounded batch after the other.
 */
public final class PgStore implements HistoryStore {

  private static final Logger LOG = Logger.getLogger("health.history");
  /** Housekeeping runs rolling at most this many hours each (one transaction per hour). */
  private static final int HOURS_PER_RUN = 48;

  private final PgHistoryOptions options;
  private final MonitorClock clock;
  private final Connections connections;
  private final WriteBuffer buffer;
  private final FleetReader reader;
  private final Housekeeping housekeeping;
  private final Instant createdAt;
  private final AtomicReference<Fleet> fleet = new AtomicReference<>();
  private final Availability availability;
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicBoolean flushing = new AtomicBoolean();
  private final AtomicBoolean reading = new AtomicBoolean();
  private final AtomicBoolean housekeepingNow = new AtomicBoolean();
  private volatile boolean schemaReady;
  private volatile boolean closed;
  private volatile Future<Void> lastFlush = Future.succeededFuture();
  private volatile Future<Void> lastRead = Future.succeededFuture();
  private final java.util.Set<Long> timers = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile BatchWriter writer;

  public PgStore(Vertx vertx, PgHistoryOptions options) {
    this.options = options;
    this.clock = options.clock() != null ? options.clock() : MonitorClock.of(vertx);
    this.connections = new Connections(vertx, options.url(), options.queryTimeout().toMillis());
    this.buffer = new WriteBuffer(options.bufferCapacity());
    this.reader = new FleetReader(options.service(), options.liveWindow(), options.longRefresh());
    this.housekeeping = new Housekeeping(options.service(), options.minutesKept(), Duration.ofDays(options.retentionDays()));
    this.createdAt = clock.now();
    this.writer = new BatchWriter(options.service(), options.instance(), createdAt, options.minutesKept());
    this.availability = new Availability(clock, options.safeUrl(), options.instance(), options.bufferCapacity(),
      buffer::size);
  }

  /** Buffers; the rows carry the options' instance (a batch's own is expected to be the same name). */
  @Override
  public void offer(Batch batch) {
    buffer.offer(batch);
  }

  @Override
  public Optional<Fleet> fleet() {
    return Optional.ofNullable(fleet.get());
  }

  @Override
  public StoreStatus status() {
    StoreStatus s = availability.get();
    return new StoreStatus(s.up(), s.since(), s.reason(), buffer.size(), buffer.dropped());
  }

  /** Rows (minutes, transitions, states) written since the start: for a metric. */
  public long rowsWritten() {
    return rowsWritten.get();
  }

  /**
   * The first flush, which creates or migrates the tables, then the first read. Completes after that attempt
   * whether or not the store was reached: a store that is down is retried every flush interval, and the
   * service runs on memory meanwhile ({@link #status()} says why).
   */
  @Override
  public Future<Void> start() {
    writer = new BatchWriter(options.service(), options.instance(), clock.now(), options.minutesKept());
    return flush().compose(v -> housekeep()).compose(v -> refresh()).onComplete(v -> {
      every(options.flushInterval(), this::flush);
      every(options.fleetRefresh(), this::refresh);
      every(options.housekeeping(), this::housekeep);
    }).otherwiseEmpty();
  }

  @Override
  public Future<Void> close() {
    closed = true;
    timers.forEach(clock::cancelTimer);
    // One last write of what is buffered, after the one in flight, only to a store that is up and migrated (a
    // store that is down gets no migration attempt now): the whole bounded by twice the query timeout.
    long boundMs = 2 * options.queryTimeout().toMillis();
    return lastFlush.otherwiseEmpty()
      .compose(v -> schemaReady && availability.get().up() ? write().<Void>mapEmpty() : Future.<Void>succeededFuture())
      .timeout(boundMs, TimeUnit.MILLISECONDS).otherwiseEmpty().eventually(connections::close).otherwiseEmpty();
  }

  /** Writes one bounded batch, then more at once while a catch-up fills whole batches. */
  public Future<Void> flush() {
    if (closed) {
      return Future.succeededFuture();
    }
    if (!flushing.compareAndSet(false, true)) {
      return lastFlush;
    }
    lastFlush = catchUp().onComplete(ar -> flushing.set(false)).otherwiseEmpty();
    return lastFlush;
  }

  /** Batches one after the other while they come out full (a catch-up); usually one. */
  private Future<Void> catchUp() {
    return write().compose(full -> full && !closed ? catchUp() : Future.succeededFuture());
  }

  /** One transaction; true when the batch was full (more may be waiting). */
  private Future<Boolean> write() {
    WriteBuffer.Pending p = buffer.take(options.maxRowsPerFlush());
    Instant now = clock.now();
    // The migration may wait for another replica's (the advisory lock): a longer bound than a write's.
    Future<Void> ready = schemaReady ? Future.succeededFuture()
      : connections.inTransaction(Schema::migrate, options.queryTimeout().toMillis() * 3)
      .onSuccess(v -> schemaReady = true).mapEmpty();
    return ready.compose(v -> connections.inTransaction(c -> writer.write(c, p, now)))
      .onSuccess(v -> {
        buffer.written(p);
        rowsWritten.addAndGet(p.rows());
        availability.up();
      })
      .onFailure(e -> {
        if (StoreErrors.isDataError(e)) {
          buffer.rejected(p);
          LOG.warning("history store refused a batch (" + StoreErrors.reason(e) + "): " + p.rows() + " records dropped");
        } else {
          availability.down(e);
        }
      })
      .map(v -> p.minutes().size() + p.transitions().size() >= options.maxRowsPerFlush());
  }

  /** Re-reads the fleet (the long part when due); keeps the last one on failure. */
  public Future<Void> refresh() {
    if (!schemaReady || closed) {
      return Future.succeededFuture();
    }
    if (!reading.compareAndSet(false, true)) {
      return lastRead;
    }
    long bound = options.queryTimeout().toMillis() * 6;
    lastRead = connections.inTransaction(c -> reader.read(c, clock.now()), bound)
      .onSuccess(fleet::set)
      .onFailure(e -> LOG.fine(() -> "history store: fleet read failed: " + StoreErrors.reason(e)))
      .onComplete(ar -> reading.set(false)).<Void>mapEmpty().otherwiseEmpty();
    return lastRead;
  }

  /** A read of everything now, the long part too (tests; after a housekeeping run). */
  public Future<Void> refreshAll() {
    return lastRead.compose(v -> {
      reader.invalidate();
      return refresh();
    });
  }

  /** Downsampling and retention, if no other replica is at it; the next long read sees the result. */
  public Future<Void> housekeep() {
    if (!schemaReady || closed || !housekeepingNow.compareAndSet(false, true)) {
      return Future.succeededFuture();
    }
    return housekeepHours(HOURS_PER_RUN).onSuccess(v -> reader.invalidate())
      .onFailure(e -> LOG.fine(() -> "history store: housekeeping failed: " + StoreErrors.reason(e)))
      .onComplete(ar -> housekeepingNow.set(false)).otherwiseEmpty();
  }

  private Future<Void> housekeepHours(int left) {
    long bound = options.queryTimeout().toMillis() * 12;
    return connections.inTransaction(c -> housekeeping.run(c, clock.now()), bound)
      .compose(more -> more && left > 1 && !closed ? housekeepHours(left - 1) : Future.succeededFuture());
  }

  private void every(Duration interval, Supplier<Future<Void>> work) {
    if (!closed) {
      long[] id = new long[1];
      id[0] = clock.setTimer(interval.toMillis(), fired -> {
        timers.remove(id[0]);
        work.get().onComplete(ar -> every(interval, work));
      });
      timers.add(id[0]);
    }
  }
}
