package io.healthservice.history.pg.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;

/**
 * The fleet's 10-minute slots: each replica's minutes classified by the rule of {@link FleetQueries} and counted
 * per check and slot. A slot is recomputed whole from its minutes (never added to), so recomputing it again after
 * a late write is right; an unchanged slot is not rewritten (no dead rows for the slots redone every run). The housekeeping recomputes the last hours; a flush that catches up recomputes the
 * older slots it wrote into.
 */
final class Slots {

  static final long SLOT_MS = 600_000;

  private static final String RECOMPUTE = """
    WITH m AS (%s)
    INSERT INTO health_history_slots (service, check_name, slot, minutes_counted, minutes_down, minutes_maintenance,
      latency_sum_ms, latency_runs)
    SELECT $1, c, timestamptz 'epoch' + floor(extract(epoch FROM minute) / 600) * interval '10 minutes' AS s,
      count(*) FILTER (WHERE %s), count(*) FILTER (WHERE %s), count(*) FILTER (WHERE %s), coalesce(sum(ls), 0),
      coalesce(sum(lr), 0)
    FROM m GROUP BY c, s
    ON CONFLICT (service, slot, check_name) DO UPDATE SET minutes_counted = excluded.minutes_counted,
      minutes_down = excluded.minutes_down, minutes_maintenance = excluded.minutes_maintenance,
      latency_sum_ms = excluded.latency_sum_ms, latency_runs = excluded.latency_runs
    WHERE (health_history_slots.minutes_counted, health_history_slots.minutes_down,
      health_history_slots.minutes_maintenance, health_history_slots.latency_sum_ms, health_history_slots.latency_runs)
      IS DISTINCT FROM (excluded.minutes_counted, excluded.minutes_down, excluded.minutes_maintenance,
      excluded.latency_sum_ms, excluded.latency_runs)"""
    .formatted(FleetQueries.PER_MINUTE, FleetQueries.COUNTED, FleetQueries.DOWN, FleetQueries.IN_MAINTENANCE);

  private Slots() {
  }

  /** Recomputes the slots of [from, to), both rounded out to whole slots. */
  static Future<Void> recompute(SqlConnection c, String service, Instant from, Instant to) {
    Instant start = floor(from);
    Instant end = to.equals(floor(to)) ? to : floor(to).plusMillis(SLOT_MS);
    return c.preparedQuery(RECOMPUTE).execute(Tuple.of(service, BatchWriter.time(start), BatchWriter.time(end)))
      .mapEmpty();
  }

  static Instant floor(Instant t) {
    return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), SLOT_MS) * SLOT_MS);
  }
}
