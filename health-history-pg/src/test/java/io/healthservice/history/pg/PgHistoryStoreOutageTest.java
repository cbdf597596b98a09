package io.healthservice.history.pg;

import io.healthservice.history.pg.impl.PgStore;
import io.healthservice.status.HistoryStore.StoreStatus;
import io.healthservice.support.FakeClock;
import io.healthservice.support.PrivatePostgres;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.logging.Level;

import static io.healthservice.history.pg.Stores.NOW_MINUTE;
import static io.healthservice.history.pg.Stores.await;
import static io.healthservice.history.pg.Stores.minutes;
import static io.healthservice.history.pg.Stores.stop;
import static io.healthservice.history.pg.Stores.up;
import static org.assertj.core.api.Assertions.assertThat;

/** A store that is down, hung or refusing: the buffer, the status, the log, the catch-up, the overflow. */
class PgHistoryStoreOutageTest {

  private static Vertx vertx;
  private static TestDatabase db;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    db = TestDatabase.create();
  }

  @AfterAll
  static void tearDown() {
    try {
      await(vertx.close()); // the stores' connections first
    } finally {
      db.close(); // DROP DATABASE ... WITH (FORCE): the shared Postgres as it was found
    }
  }

  private static String viaProxy(TcpProxy proxy) {
    return "postgresql://postgres@127.0.0.1:" + proxy.port() + "/" + db.name();
  }

  @Test
  void aStoreDownIsSaidOnceBufferedAndCaughtUpWhenBack() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, TestDatabase.HOST, TestDatabase.PORT); Stores.Log log = new Stores.Log()) {
      FakeClock clock = new FakeClock();
      PgStore store = Stores.store(vertx, viaProxy(proxy), "outage", "a", clock);
      await(store.start());
      assertThat(store.status().up()).isTrue();

      proxy.set(TcpProxy.Mode.REFUSE);
      store.offer(minutes("a", up("db", NOW_MINUTE - 2)));
      clock.advance(1000);
      await(store.flush());
      store.offer(minutes("a", up("db", NOW_MINUTE - 1), up("api", NOW_MINUTE - 1)));
      await(store.flush());
      StoreStatus down = store.status();
      assertThat(down.up()).isFalse();
      assertThat(down.reason()).isEqualTo("connection refused");
      assertThat(down.since()).isEqualTo(FakeClock.START.plusSeconds(1));
      assertThat(down.buffered()).isEqualTo(3);
      // The switch reset the pooled connection (the first failure: "connection reset"), then nothing listens.
      assertThat(log.lines(Level.WARNING)).hasSize(1).allMatch(l -> l.startsWith("history store down ("));

      proxy.set(TcpProxy.Mode.FORWARD);
      await(store.flush());
      assertThat(store.status().up()).isTrue();
      assertThat(store.status().buffered()).isZero();
      assertThat(log.lines(Level.INFO)).anyMatch(l -> l.contains("up again"));
      assertThat(db.count("SELECT count(*) FROM health_history_minutes WHERE service = 'outage'")).isEqualTo(3);
      stop(store);
    }
  }

  @Test
  void aHungStoreIsATimeoutNotAHang() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, TestDatabase.HOST, TestDatabase.PORT)) {
      FakeClock clock = new FakeClock();
      PgStore store = Stores.store(vertx, PgHistoryOptions.of(viaProxy(proxy), "hung", "a").withClock(clock)
        .withQueryTimeout(Duration.ofSeconds(1)));
      await(store.start());
      proxy.set(TcpProxy.Mode.HANG);
      store.offer(minutes("a", up("db", NOW_MINUTE - 1)));
      await(store.flush()); // the pooled connection was reset by the switch: a reset, then a new one that hangs
      long t0 = System.nanoTime();
      await(store.flush());
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
      assertThat(store.status().reason()).isEqualTo("timeout");
      long t1 = System.nanoTime();
      await(store.close());
      assertThat(Duration.ofNanos(System.nanoTime() - t1)).as("close is bounded too").isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void overCapacityTheOldestMinutesAreDroppedAndCounted() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, TestDatabase.HOST, TestDatabase.PORT)) {
      proxy.set(TcpProxy.Mode.REFUSE);
      FakeClock clock = new FakeClock();
      PgStore store = Stores.store(vertx, PgHistoryOptions.of(viaProxy(proxy), "overflow", "a").withClock(clock)
        .withQueryTimeout(Duration.ofSeconds(2)).withBuffer(100, 30));
      await(store.start());
      assertThat(store.status().up()).isFalse();
      assertThat(store.status().reason()).isEqualTo("connection refused");
      for (long m = NOW_MINUTE - 150; m < NOW_MINUTE; m++) {
        store.offer(minutes("a", up("db", m)));
      }
      assertThat(store.status().buffered()).isEqualTo(100);
      assertThat(store.status().dropped()).isEqualTo(50);

      proxy.set(TcpProxy.Mode.FORWARD);
      await(store.flush());
      assertThat(store.status().up()).isTrue();
      assertThat(store.status().buffered()).as("caught up in batches of 30").isZero();
      assertThat(db.count("SELECT count(*) FROM health_history_minutes WHERE service = 'overflow'")).isEqualTo(100);
      assertThat(db.count("SELECT (SELECT extract(epoch FROM min(minute)) / 60 FROM health_history_minutes"
        + " WHERE service = 'overflow')::int8")).isEqualTo(NOW_MINUTE - 100);
      assertThat(store.status().dropped()).isEqualTo(50);
      stop(store);
    }
  }

  @Test
  void aWrongPasswordIsAuthenticationFailedAndThePasswordIsNeverShown() throws Exception {
    try (PrivatePostgres pg = PrivatePostgres.start(); Stores.Log log = new Stores.Log()) {
      String wrong = pg.url("postgres", "not-the-password-42", "postgres");
      FakeClock clock = new FakeClock();
      PgHistoryOptions options = PgHistoryOptions.of(wrong, "auth", "a").withClock(clock);
      assertThat(options.toString()).doesNotContain("not-the-password-42").contains(":***@");
      PgStore store = Stores.store(vertx, options);
      await(store.start());
      assertThat(store.status().up()).isFalse();
      assertThat(store.status().reason()).startsWith("authentication failed");
      assertThat(log.records).isNotEmpty().noneMatch(r -> r.getMessage().contains("not-the-password-42"));
      stop(store);

      PgStore right = Stores.store(vertx, PgHistoryOptions.of(pg.url("postgres", PrivatePostgres.PASSWORD, "postgres"),
        "auth", "a").withClock(clock));
      await(right.start());
      assertThat(right.status().up()).isTrue();
      pg.stopFast();
      await(right.flush());
      assertThat(right.status().reason()).isIn("connection refused", "connection closed", "server is shutting down or starting up (SQLSTATE 57P01)");
      stop(right);
    }
  }
}
