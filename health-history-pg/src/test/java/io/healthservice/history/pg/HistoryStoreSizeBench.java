package io.healthservice.history.pg;

import io.healthservice.history.pg.impl.PgStore;
import io.healthservice.status.HistoryStore.Batch;
import io.healthservice.status.HistoryStore.Change;
import io.healthservice.status.HistoryStore.Minute;
import io.healthservice.status.HistoryStore.State;
import io.healthservice.support.FakeClock;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.healthservice.history.pg.Stores.await;

/**
 * Not a test (not run by {@code mvn verify}): the store's write rate and table sizes for N checks over a day on
 * the fake clock, and the time of a fleet read over it. bench/history-store.sh runs it; it writes
 * bench/results/history-store-N.md. Knobs: -Dbench.checks=1000 -Dbench.replicas=2 -Dbench.hours=24.
 * Each simulated minute, every replica offers a closed minute and a state per check, and flushes: one transaction
 * per replica per minute, the rows of six 10 s flushes. Every check has one 5-minute outage a day (two
 * transitions per replica), seen by all replicas.
 */
class HistoryStoreSizeBench {

  private static final String[] TABLES = {"minutes", "slots", "states", "transitions", "instances", "hours"};

  @Test
  @Timeout(value = 60, unit = TimeUnit.MINUTES)
  void aDayOfChecks() throws Exception {
    // Only when asked for (bench/history-store.sh): -Dtest='*' would otherwise run it, and rewrite the results.
    Assumptions.assumeTrue(System.getProperty("bench.checks") != null, "a bench: bench/history-store.sh runs it");
    int checks = Integer.getInteger("bench.checks", 1000);
    int replicas = Integer.getInteger("bench.replicas", 2);
    int hours = Integer.getInteger("bench.hours", 24);
    Vertx vertx = Vertx.vertx();
    try (TestDatabase db = TestDatabase.create()) {
      FakeClock clock = new FakeClock();
      List<PgStore> stores = new ArrayList<>();
      for (int r = 0; r < replicas; r++) {
        stores.add(Stores.store(vertx, PgHistoryOptions.of(db.url(), "bench", "replica-" + r).withClock(clock)
          .withQueryTimeout(Duration.ofSeconds(30))));
      }
      int minutes = hours * 60;
      long firstMinute = Stores.NOW_MINUTE; // the clock follows: minute m is offered once closed
      long[] flushNanos = new long[minutes * replicas];
      long[] slotNanos = new long[minutes / 10];
      int f = 0;
      long t0 = System.nanoTime();
      for (int i = 0; i < minutes; i++) {
        long m = firstMinute + i;
        clock.advance(60_000);
        for (int r = 0; r < replicas; r++) {
          PgStore s = stores.get(r);
          s.offer(minuteOf("replica-" + r, checks, m, i, minutes));
          long start = System.nanoTime();
          await(s.flush());
          flushNanos[f++] = System.nanoTime() - start;
          if (!s.status().up()) {
            throw new AssertionError("store down: " + s.status());
          }
        }
        if (i % 10 == 9) {
          // The housekeeping every 10 minutes: the fleet's slots of the last hour (no downsampling within a day).
          long start = System.nanoTime();
          await(stores.get(0).housekeep());
          slotNanos[i / 10] = System.nanoTime() - start;
        }
      }
      double writeSeconds = (System.nanoTime() - t0) / 1e9;
      long rows = stores.stream().mapToLong(PgStore::rowsWritten).sum();
      db.sql("VACUUM ANALYZE");
      StringBuilder sizes = new StringBuilder();
      long total = 0;
      for (String t : TABLES) {
        String[] v = db.sql("SELECT count(*), pg_total_relation_size('health_history_" + t + "'), "
          + "pg_relation_size('health_history_" + t + "') FROM health_history_" + t).split("\\|");
        long count = Long.parseLong(v[0]);
        long bytes = Long.parseLong(v[1]);
        total += bytes;
        sizes.append(String.format("| health_history_%s | %,d | %s | %s | %s |%n", t, count, mb(bytes), mb(Long.parseLong(v[2])),
          count == 0 ? "-" : String.valueOf(bytes / count)));
      }
      PgStore reader = stores.get(0);
      long[] full = new long[5];
      long[] recent = new long[5];
      for (int k = 0; k < full.length; k++) {
        long s0 = System.nanoTime();
        await(reader.refreshAll());
        full[k] = System.nanoTime() - s0;
        s0 = System.nanoTime();
        await(reader.refresh());
        recent[k] = System.nanoTime() - s0;
      }
      if (reader.fleet().orElseThrow().checks().size() != checks) {
        throw new AssertionError("fleet has " + reader.fleet().orElseThrow().checks().size() + " checks");
      }
      // One hour rolled into hours, what the housekeeping does once an hour at steady state: a replica whose
      // clock is 25 h past the first minute's hour (the least minutes kept) plus one.
      FakeClock later = new FakeClock();
      later.advance(Duration.ofHours(26).toMillis());
      PgStore keeper = Stores.store(vertx, PgHistoryOptions.of(db.url(), "bench", "keeper").withClock(later)
        .withQueryTimeout(Duration.ofSeconds(30)).withRetention(90, Duration.ofHours(25), Duration.ofMinutes(10)));
      await(keeper.flush());
      long h0 = System.nanoTime();
      await(keeper.housekeep());
      long housekeepNanos = System.nanoTime() - h0;
      String rolled = db.sql("SELECT count(*) || ' hour rows, ' || pg_total_relation_size('health_history_hours') / count(*)"
        + " || ' bytes per row (total)' FROM health_history_hours");
      for (PgStore s : stores) {
        await(s.close());
      }
      await(keeper.close());
      Thread.sleep(2000); // the store's backends have exited and reported their counters
      db.sql("SELECT pg_stat_force_next_flush()");
      String changed = db.sql("SELECT string_agg(replace(relname, 'health_history_', '') || ' ' || (n_tup_ins + n_tup_upd)"
        + " || ' (' || n_tup_ins || ' inserted, ' || n_tup_upd || ' updated)', '; ' ORDER BY relname)"
        + " FROM pg_stat_user_tables WHERE relname LIKE 'health_history_%' AND n_tup_ins + n_tup_upd > 0");
      long changedRows = db.count("SELECT sum(n_tup_ins + n_tup_upd) FROM pg_stat_user_tables"
        + " WHERE relname IN ('health_history_minutes', 'health_history_states', 'health_history_transitions')");
      write(checks, replicas, hours, rows, changed, changedRows, writeSeconds, flushNanos, slotNanos, sizes.toString(), total, full, recent,
        housekeepNanos, rolled, db.sql("SELECT pg_size_pretty(pg_relation_size('health_history_minutes') / "
          + minutes + " * 60 * 24)"));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static Batch minuteOf(String instance, int checks, long m, long i, int minutes) {
    List<Minute> ms = new ArrayList<>(checks);
    List<State> ss = new ArrayList<>(checks);
    List<Change> cs = new ArrayList<>();
    Instant at = Instant.ofEpochSecond(m * 60);
    for (int c = 0; c < checks; c++) {
      String check = "check-" + c;
      long outage = (c * 7L) % minutes;
      boolean down = i >= outage && i < outage + 5;
      ms.add(down ? new Minute(check, m, 6, 6, 0, 2000, 12000, 6, 0, 60_000, 0)
        : new Minute(check, m, 6, 0, (c + i) % 50 == 0 ? 1 : 0, 40 + c % 20, 6 * (12 + c % 20), 6, 60_000, 0, 0));
      // since: the last change (the outage's start or end), as a replica reports it.
      long sinceMinute = down ? outage : i >= outage + 5 ? outage + 5 : 0;
      Instant since = Instant.ofEpochSecond((m - i + sinceMinute) * 60);
      ss.add(new State(check, down ? "down" : "ok", since, down ? "connection refused" : null));
      if (i == outage) {
        cs.add(new Change(check, at.plusSeconds(3), "ok", "down", "ERROR", "connection refused"));
      } else if (i == outage + 5) {
        cs.add(new Change(check, at.plusSeconds(3), "down", "ok", null, null));
      }
    }
    return new Batch(instance, ms, cs, ss);
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1048576.0);
  }

  private static void write(int checks, int replicas, int hours, long rows, String changed, long changedRows,
                            double writeSeconds, long[] flushNanos,
                            long[] slotNanos, String sizes, long total, long[] full, long[] recent, long housekeepNanos, String hourRows,
                            String minutesPerDay) throws Exception {
    Arrays.sort(flushNanos);
    Arrays.sort(slotNanos);
    Arrays.sort(full);
    Arrays.sort(recent);
    int minutes = hours * 60;
    String md = String.format("""
      # History store: %,d checks × %d replicas × %d h (simulated on the fake clock)

      Measured by `bash bench/history-store.sh` (HistoryStoreSizeBench) on %s against the shared Postgres 15
      (127.0.0.1, 2 shared cores, no tuning). Each simulated minute every replica offers one closed minute and
      one state per check (what six 10 s flushes carry) and writes them in one transaction; every check has one
      5-minute outage a day (2 transitions per replica).

      ## Writes

      - records offered and flushed: %,d (%,d per simulated minute for the fleet, %,d per replica per minute: a minute
        and a state per check, and the transitions)
      - rows the replicas' flushes inserted or updated: %,d (%,d per simulated minute for the fleet, %,.1f rows/s per
        replica: unchanged states are not rewritten); per table, housekeeping included: %s
      - one transaction per replica per 10 s flush interval in production
      - one replica's minute in one transaction (%,d rows: a minute and a state per check): median %.1f ms, p99 %.1f ms
        (wall time of the whole write loop %.0f s)

      ## Tables after the run (VACUUM ANALYZE'd; total = table + indexes + TOAST)

      | table | rows | total | heap | bytes per row (total) |
      |---|---:|---:|---:|---:|
      %s
      All tables: %s. Minutes heap per day at this rate: %s; at steady state the minutes table holds 48 h (the
      minutes kept), about twice the figure above, and the hours table 90 days × 24 × checks rows.

      ## Reads

      - full fleet read (states, transitions, last hour, 24 h of bars, 7 d / 30 d / 90 d uptime): median %.0f ms, max %.0f ms
      - regular fleet read (every 10 s; the long part every 5 min): median %.0f ms, max %.0f ms
      - housekeeping every 10 min, recomputing the fleet's slots of the last hour: median %.0f ms, max %.0f ms
      - housekeeping rolling one hour of minutes into hours (%s after): %.0f ms
      """, checks, replicas, hours, Instant.now().toString().substring(0, 10), rows, rows / minutes,
      rows / minutes / replicas, changedRows, changedRows / minutes, changedRows / (double) minutes / replicas / 60.0,
      changed, 2 * checks,
      flushNanos[flushNanos.length / 2] / 1e6, flushNanos[(int) (flushNanos.length * 0.99)] / 1e6, writeSeconds,
      sizes, mb(total), minutesPerDay, full[full.length / 2] / 1e6, full[full.length - 1] / 1e6,
      recent[recent.length / 2] / 1e6, recent[recent.length - 1] / 1e6, slotNanos[slotNanos.length / 2] / 1e6,
      slotNanos[slotNanos.length - 1] / 1e6, hourRows, housekeepNanos / 1e6);
    Path out = Path.of("bench/results/history-store-" + checks + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md);
    System.out.println(md);
  }
}
