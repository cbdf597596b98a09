package io.healthservice.history.pg;

import io.healthservice.history.pg.impl.PgStore;
import io.healthservice.status.HistoryStore;
import io.healthservice.status.HistoryStore.Batch;
import io.healthservice.status.HistoryStore.Change;
import io.healthservice.status.HistoryStore.Minute;
import io.healthservice.status.HistoryStore.State;
import io.healthservice.support.FakeClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the store tests share: stores on a fake clock, minutes by shape, waits with a deadline, the log. */
final class Stores {

  static final long NOW_MINUTE = FakeClock.START.getEpochSecond() / 60;

  private Stores() {
  }

  static PgStore store(Vertx vertx, String url, String service, String instance, FakeClock clock) {
    return PgHistoryStore.create(vertx, PgHistoryOptions.of(url, service, instance).withClock(clock)
      .withQueryTimeout(Duration.ofSeconds(5))).impl();
  }

  static PgStore store(Vertx vertx, PgHistoryOptions options) {
    return PgHistoryStore.create(vertx, options).impl();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("not done within 60 s: " + e, e);
    }
  }

  static Minute up(String check, long minute) {
    return new Minute(check, minute, 6, 0, 0, 20, 100, 5, 60_000, 0, 0);
  }

  static Minute down(String check, long minute) {
    return new Minute(check, minute, 6, 6, 0, 2000, 6000, 6, 0, 60_000, 0);
  }

  static Minute maintenance(String check, long minute) {
    return new Minute(check, minute, 6, 6, 0, 2000, 6000, 6, 0, 60_000, 60_000);
  }

  static Batch minutes(String instance, Minute... ms) {
    return new Batch(instance, List.of(ms), List.of(), List.of());
  }

  static Batch states(String instance, String state, String... checks) {
    List<State> ss = new ArrayList<>();
    for (String c : checks) {
      ss.add(new State(c, state, FakeClock.START.minusSeconds(300), state.equals("ok") ? null : "connection refused"));
    }
    return new Batch(instance, List.of(), List.of(), ss);
  }

  static Batch change(String instance, String check, Instant at, String from, String to) {
    return new Batch(instance, List.of(), List.of(new Change(check, at, from, to, to.equals("down") ? "ERROR" : null,
      to.equals("down") ? "connection refused" : null)), List.of());
  }

  static void stop(HistoryStore... stores) {
    for (HistoryStore s : stores) {
      await(s.close());
    }
  }

  /** The "health.history" log lines while open. */
  static final class Log extends Handler implements AutoCloseable {
    final List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Held: the log manager keeps loggers weakly, and a collected one would take the handler with it. */
    private final Logger logger = Logger.getLogger("health.history");

    Log() {
      logger.addHandler(this);
    }

    List<String> lines(java.util.logging.Level level) {
      synchronized (records) {
        return records.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
      }
    }

    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }
}
