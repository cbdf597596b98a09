package io.healthservice.history.pg.impl;

import io.healthservice.status.HistoryStore.Change;
import io.healthservice.status.HistoryStore.FleetChange;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet's reads. The uptime rule lives in {@link #PER_MINUTE} and the {@code counted}/{@code down} conditions:
 * per check and minute, over the replicas that reported time in it: in maintenance when most of them were (a
 * replica's minute is maintenance when its maintenance time is at least its up and its down time), else counted,
 * and down when more than half of them had more down than up time outside maintenance. Downsampling uses the same.
 */
final class FleetQueries {

  private static final String MAINT = "(maintenance_ms > 0 AND maintenance_ms >= up_ms AND maintenance_ms >= down_ms)";

  /** Params: $1 service, $2 from, $3 to. */
  static final String PER_MINUTE = """
    SELECT check_name AS c, minute,
      count(*) FILTER (WHERE up_ms + down_ms + maintenance_ms > 0) AS r,
      count(*) FILTER (WHERE %1$s) AS mt,
      count(*) FILTER (WHERE NOT %1$s AND down_ms > up_ms) AS dn,
      sum(runs) AS runs, sum(failures) AS f, sum(warnings) AS w, sum(latency_sum_ms) AS ls,
      sum(latency_runs) AS lr, max(latency_max_ms) AS lx
    FROM health_history_minutes WHERE service = $1 AND minute >= $2 AND minute < $3
    GROUP BY check_name, minute""".formatted(MAINT);
  static final String COUNTED = "(r > 0 AND mt * 2 <= r)";
  static final String DOWN = "(r > 0 AND mt * 2 <= r AND dn * 2 > r)";
  static final String IN_MAINTENANCE = "(r > 0 AND mt * 2 > r)";

  /** Per check and 10-minute slot (epoch / 600 s): counted, down and maintenance minutes. $1 service, $2 from, $3 to. */
  private static final String SLOT_BARS = """
    SELECT check_name, floor(extract(epoch FROM slot) / 600)::int8, minutes_counted::int8, minutes_down::int8,
      minutes_maintenance::int8, latency_sum_ms, latency_runs
    FROM health_history_slots WHERE service = $1 AND slot >= $2 AND slot < $3""";

  /** Per check, counted and down minutes since $4..$8, latency since $4; from the slots plus the hours. */
  private static final String SLOT_WINDOWS = """
    WITH u AS (
      SELECT check_name AS c, slot AS t, minutes_counted AS cn, minutes_down AS dw, latency_sum_ms AS ls,
        latency_runs AS lr
      FROM health_history_slots WHERE service = $1 AND slot >= $2 AND slot < $3
      UNION ALL
      SELECT check_name, hour, minutes_counted, minutes_down, latency_sum_ms, latency_runs FROM health_history_hours
      WHERE service = $1 AND hour >= $2 AND hour < $3)
    SELECT c, %s, sum(ls) FILTER (WHERE t >= $4)::int8, sum(lr) FILTER (WHERE t >= $4)::int8
    FROM u GROUP BY c""".formatted(windowSums());

  private static final String INSTANCES =
    "SELECT instance, last_seen FROM health_history_instances WHERE service = $1 AND last_seen >= $2";

  private static final String LIVE_CHECKS = """
    SELECT s.instance, s.check_name, s.state FROM health_history_states s JOIN health_history_instances i
      ON i.service = s.service AND i.instance = s.instance WHERE s.service = $1 AND i.last_seen >= $2""";

  private static final String TRANSITIONS = """
    SELECT k.check_name, t.instance, t.at, t.from_state, t.to_state, t.kind, t.reason
    FROM (SELECT DISTINCT s.check_name FROM health_history_states s JOIN health_history_instances i
            ON i.service = s.service AND i.instance = s.instance WHERE s.service = $1 AND i.last_seen >= $2) k
    CROSS JOIN LATERAL (SELECT instance, at, from_state, to_state, kind, reason FROM health_history_transitions t
      WHERE t.service = $1 AND t.check_name = k.check_name ORDER BY at DESC LIMIT 20) t
    ORDER BY k.check_name, t.at DESC""";

  private FleetQueries() {
  }

  private static String windowSums() {
    StringBuilder s = new StringBuilder();
    for (int p = 4; p <= 8; p++) {
      s.append(p > 4 ? ", " : "").append("coalesce(sum(cn) FILTER (WHERE t >= $").append(p).append("), 0)::int8, ")
        .append("coalesce(sum(dw) FILTER (WHERE t >= $").append(p).append("), 0)::int8");
    }
    return s.toString();
  }

  static Future<Map<String, Instant>> instances(SqlConnection c, String service, Instant liveSince) {
    return c.preparedQuery(INSTANCES).execute(Tuple.of(service, BatchWriter.time(liveSince))).map(rows -> {
      Map<String, Instant> out = new HashMap<>();
      for (Row r : rows) {
        out.put(r.getString(0), r.getOffsetDateTime(1).toInstant());
      }
      return out;
    });
  }

  /** check → instance → state, for the live replicas. */
  static Future<Map<String, Map<String, String>>> states(SqlConnection c, String service, Instant liveSince) {
    return c.preparedQuery(LIVE_CHECKS).execute(Tuple.of(service, BatchWriter.time(liveSince))).map(rows -> {
      Map<String, Map<String, String>> out = new HashMap<>();
      for (Row r : rows) {
        out.computeIfAbsent(r.getString(1), k -> new HashMap<>()).put(r.getString(0), r.getString(2));
      }
      return out;
    });
  }

  static Future<Map<String, List<FleetChange>>> transitions(SqlConnection c, String service, Instant liveSince) {
    return c.preparedQuery(TRANSITIONS).execute(Tuple.of(service, BatchWriter.time(liveSince))).map(rows -> {
      Map<String, List<FleetChange>> out = new HashMap<>();
      for (Row r : rows) {
        String check = r.getString(0);
        Change change = new Change(check, r.getOffsetDateTime(2).toInstant(), r.getString(3), r.getString(4),
          r.getString(5), r.getString(6));
        out.computeIfAbsent(check, k -> new ArrayList<>()).add(new FleetChange(r.getString(1), change));
      }
      return out;
    });
  }

  /** check → slot → {counted, down, maintenance minutes, latency sum, latency runs}, for the slots in [from, to). */
  static Future<Map<String, Map<Long, long[]>>> bars(SqlConnection c, String service, Instant from, Instant to) {
    return c.preparedQuery(SLOT_BARS).execute(Tuple.of(service, BatchWriter.time(from), BatchWriter.time(to))).map(rows -> {
      Map<String, Map<Long, long[]>> out = new HashMap<>();
      for (Row r : rows) {
        out.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>())
          .put(r.getLong(1), new long[] {r.getLong(2), r.getLong(3), r.getLong(4), r.getLong(5), r.getLong(6)});
      }
      return out;
    });
  }

  /**
   * check → {counted, down} per window start in {@code since} (at most 5, from the latest), then the latency sum
   * and runs since the first; over slots and hours in [from, to).
   */
  static Future<Map<String, long[]>> windows(SqlConnection c, String service, Instant from, Instant to,
                                             Instant... since) {
    Tuple t = Tuple.of(service, BatchWriter.time(from), BatchWriter.time(to));
    for (int i = 0; i < 5; i++) {
      t.addValue(BatchWriter.time(since[Math.min(i, since.length - 1)]));
    }
    return c.preparedQuery(SLOT_WINDOWS).execute(t).map(rows -> {
      Map<String, long[]> out = new HashMap<>();
      for (Row r : rows) {
        long[] v = new long[12];
        for (int i = 0; i < 12; i++) {
          Long x = r.getLong(i + 1);
          v[i] = x == null ? 0 : x;
        }
        out.put(r.getString(0), v);
      }
      return out;
    });
  }
}
