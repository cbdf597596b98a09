package io.healthservice.history.pg.impl;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last hour or so from the minutes themselves, every refresh, in one scan: per check and 10-minute slot the
 * bars' counts, and per check (the grouping set without a slot) the counts and latency of the last 60 minutes.
 */
final class RecentQuery {

  private static final String RECENT = """
    WITH m AS (%s), k AS (
      SELECT c, minute, floor(extract(epoch FROM minute) / 600)::int8 AS slot, %s AS counted, %s AS down,
        %s AS maint, ls, lr FROM m)
    SELECT c, slot, count(*) FILTER (WHERE counted), count(*) FILTER (WHERE down), count(*) FILTER (WHERE maint),
      count(*) FILTER (WHERE counted AND minute >= $4), count(*) FILTER (WHERE down AND minute >= $4),
      coalesce(sum(ls) FILTER (WHERE minute >= $4), 0)::int8, coalesce(sum(lr) FILTER (WHERE minute >= $4), 0)::int8
    FROM k GROUP BY GROUPING SETS ((c, slot), (c))"""
    .formatted(FleetQueries.PER_MINUTE, FleetQueries.COUNTED, FleetQueries.DOWN, FleetQueries.IN_MAINTENANCE);

  /**
   * @param bars check → slot → {counted, down, maintenance}
   * @param hour check → {counted, down, latency sum, latency runs} since an hour ago
   */
  record Recent(Map<String, Map<Long, long[]>> bars, Map<String, long[]> hour) {
  }

  private RecentQuery() {
  }

  static Future<Recent> read(SqlConnection c, String service, Instant from, Instant to, Instant hourAgo) {
    Tuple t = Tuple.of(service, BatchWriter.time(from), BatchWriter.time(to), BatchWriter.time(hourAgo));
    return c.preparedQuery(RECENT).execute(t).map(rows -> {
      Map<String, Map<Long, long[]>> bars = new HashMap<>();
      Map<String, long[]> hour = new HashMap<>();
      for (Row r : rows) {
        String check = r.getString(0);
        Long slot = r.getLong(1);
        if (slot == null) {
          hour.put(check, new long[] {r.getLong(5), r.getLong(6), r.getLong(7), r.getLong(8)});
        } else {
          bars.computeIfAbsent(check, k -> new LinkedHashMap<>()).put(slot, new long[] {r.getLong(2), r.getLong(3), r.getLong(4)});
        }
      }
      return new Recent(bars, hour);
    });
  }
}
