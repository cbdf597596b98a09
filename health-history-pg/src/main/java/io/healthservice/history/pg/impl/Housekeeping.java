package io.healthservice.history.pg.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Slots, downsampling and retention, by one replica at a time (a transaction-scoped advisory lock, tried, not
 * waited for): the slots of the last {@link #SLOTS_REDONE} are recomputed (where late writes land); minutes older
 * than the minutes kept become fleet-level hours by the same rule as the reads, then go with their slots;
 * hours and transitions past the retention go; replicas (and their states) not seen for a week go. At most a
 * hour of minutes is rolled per run, so a backlog is many short transactions rather than one long one.
 */
final class Housekeeping {

  private static final String ROLLUP = """
    WITH m AS (%s)
    INSERT INTO health_history_hours (service, check_name, hour, minutes_counted, minutes_down, minutes_maintenance,
      runs, failures, warnings, latency_sum_ms, latency_runs, latency_max_ms)
    SELECT $1, c, timestamptz 'epoch' + floor(extract(epoch FROM minute) / 3600) * interval '1 hour' AS h,
      count(*) FILTER (WHERE %s), count(*) FILTER (WHERE %s), count(*) FILTER (WHERE %s),
      sum(runs), sum(f), sum(w), sum(ls), sum(lr), max(lx)
    FROM m GROUP BY c, h
    ON CONFLICT (service, hour, check_name) DO UPDATE SET
      minutes_counted = health_history_hours.minutes_counted + excluded.minutes_counted,
      minutes_down = health_history_hours.minutes_down + excluded.minutes_down,
      minutes_maintenance = health_history_hours.minutes_maintenance + excluded.minutes_maintenance,
      runs = health_history_hours.runs + excluded.runs, failures = health_history_hours.failures + excluded.failures,
      warnings = health_history_hours.warnings + excluded.warnings,
      latency_sum_ms = health_history_hours.latency_sum_ms + excluded.latency_sum_ms,
      latency_runs = health_history_hours.latency_runs + excluded.latency_runs,
      latency_max_ms = greatest(health_history_hours.latency_max_ms, excluded.latency_max_ms)"""
    .formatted(FleetQueries.PER_MINUTE, FleetQueries.COUNTED, FleetQueries.DOWN, FleetQueries.IN_MAINTENANCE);

  /** Late writes older than this recompute their slots themselves (BatchWriter); the options keep runs closer. */
  static final Duration SLOTS_REDONE = Duration.ofHours(1);

  private final String service;
  private final long lockKey;
  private final Duration minutesKept;
  private final Duration retention;
  private final Duration replicaRetention;

  Housekeeping(String service, Duration minutesKept, Duration retention) {
    this.service = service;
    this.lockKey = 0x4865616c74684802L ^ ((long) service.hashCode() << 8);
    this.minutesKept = minutesKept;
    this.retention = retention;
    // A replica gone for a week is gone: its states would otherwise name it live-less forever.
    this.replicaRetention = retention.compareTo(Duration.ofDays(7)) < 0 ? retention : Duration.ofDays(7);
  }

  /** Runs in the caller's transaction; true when it rolled an hour up and older minutes may remain. */
  Future<Boolean> run(SqlConnection c, Instant now) {
    return c.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(lockKey)).compose(rows -> {
      if (!rows.iterator().next().getBoolean(0)) {
        return Future.succeededFuture(false);
      }
      Instant keepFrom = floorHour(now.minus(minutesKept));
      Instant slotsFrom = now.minus(SLOTS_REDONE).isBefore(keepFrom) ? keepFrom : now.minus(SLOTS_REDONE);
      return Slots.recompute(c, service, slotsFrom, Slots.floor(now))
        .compose(v -> c.preparedQuery("SELECT min(minute) FROM health_history_minutes WHERE service = $1")
          .execute(Tuple.of(service)))
        .compose(oldest -> rollup(c, oldest.iterator().next(), keepFrom))
        .compose(more -> retain(c, now).map(more));
    });
  }

  private Future<Boolean> rollup(SqlConnection c, Row oldest, Instant keepFrom) {
    OffsetDateTime first = oldest.getOffsetDateTime(0);
    if (first == null || !first.toInstant().isBefore(keepFrom)) {
      return Future.succeededFuture(false);
    }
    Instant from = floorHour(first.toInstant());
    Instant to = from.plus(Duration.ofHours(1));
    Tuple range = Tuple.of(service, BatchWriter.time(from), BatchWriter.time(to));
    return c.preparedQuery(ROLLUP).execute(range)
      .compose(v -> c.preparedQuery("DELETE FROM health_history_minutes WHERE service = $1 AND minute >= $2 AND minute < $3")
        .execute(range))
      .compose(v -> c.preparedQuery("DELETE FROM health_history_slots WHERE service = $1 AND slot >= $2 AND slot < $3")
        .execute(range))
      .map(v -> to.isBefore(keepFrom));
  }

  private Future<Void> retain(SqlConnection c, Instant now) {
    Tuple old = Tuple.of(service, BatchWriter.time(now.minus(retention)));
    Tuple gone = Tuple.of(service, BatchWriter.time(now.minus(replicaRetention)));
    return c.preparedQuery("DELETE FROM health_history_hours WHERE service = $1 AND hour < $2").execute(old)
      .compose(v -> c.preparedQuery("DELETE FROM health_history_transitions WHERE service = $1 AND at < $2").execute(old))
      .compose(v -> c.preparedQuery("DELETE FROM health_history_instances WHERE service = $1 AND last_seen < $2").execute(gone))
      // A state is rewritten only when it changes: it goes with its replica, not by its age.
      .compose(v -> c.preparedQuery("""
        DELETE FROM health_history_states s WHERE s.service = $1 AND NOT EXISTS (SELECT 1 FROM health_history_instances i
          WHERE i.service = s.service AND i.instance = s.instance)""").execute(Tuple.of(service)))
      .mapEmpty();
  }

  private static Instant floorHour(Instant t) {
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), 3600) * 3600);
  }
}
