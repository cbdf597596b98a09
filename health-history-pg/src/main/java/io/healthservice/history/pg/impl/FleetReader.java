package io.healthservice.history.pg.impl;

import io.healthservice.status.HistoryStore.Fleet;
import io.healthservice.status.HistoryStore.FleetChange;
import io.healthservice.status.HistoryStore.FleetCheck;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fleet in two parts. Every refresh: the live replicas, their states, the transitions, and the minutes
 * of the last hour (its uptime, latency, and the last bars, where late writes land). Every long refresh: the older
 * bars and the 7 d / 30 d / 90 d uptime, from the slots and hours the housekeeping keeps (never days of minutes).
 * 24 h uptime is the sum of the 144 bars, so it is as fresh as the bars.
 */
final class FleetReader {

  static final int BARS = 144;
  private static final long SLOT_MS = 600_000;
  private static final List<String> LONG_WINDOWS = List.of("7d", "30d", "90d");

  /** The long part, and when it was read. */
  private record LongPart(Instant at, Map<String, Map<Long, long[]>> bars, Map<String, long[]> windows) {
  }

  private final String service;
  private final Duration liveWindow;
  private final Duration longRefresh;
  private volatile LongPart longPart;

  FleetReader(String service, Duration liveWindow, Duration longRefresh) {
    this.service = service;
    this.liveWindow = liveWindow;
    this.longRefresh = longRefresh;
  }

  /** Forgets the long part, so the next read is a full one (tests, and after a clock jump). */
  void invalidate() {
    longPart = null;
  }

  Future<Fleet> read(SqlConnection c, Instant now) {
    long slotNow = Math.floorDiv(now.toEpochMilli(), SLOT_MS);
    long firstSlot = slotNow - (BARS - 1);
    Instant barStart = Instant.ofEpochMilli(firstSlot * SLOT_MS);
    // The last three slots from the minutes (the housekeeping may not have redone them since they closed); the
    // rest of the hour from the slots, fresh; older bars from the long part.
    long recentSlot = slotNow - 3;
    Instant recentFrom = Instant.ofEpochMilli(recentSlot * SLOT_MS);
    Instant to = Instant.ofEpochMilli((slotNow + 1) * SLOT_MS);
    Instant hourAgo = now.minus(Duration.ofHours(1));
    Instant liveSince = now.minus(liveWindow);
    LongPart known = longPart;
    Future<LongPart> longRead;
    if (known == null || !now.isBefore(known.at().plus(longRefresh)) || now.isBefore(known.at())) {
      Instant d7 = now.minus(Duration.ofDays(7));
      Instant d30 = now.minus(Duration.ofDays(30));
      Instant d90 = now.minus(Duration.ofDays(90));
      longRead = FleetQueries.bars(c, service, barStart, to).compose(bars ->
        FleetQueries.windows(c, service, d90, to, d7, d30, d90).map(w -> new LongPart(now, bars, w)));
    } else {
      longRead = Future.succeededFuture(known);
    }
    return longRead.compose(lp -> {
      longPart = lp;
      return FleetQueries.instances(c, service, liveSince).compose(instances ->
        FleetQueries.states(c, service, liveSince).compose(states ->
          FleetQueries.transitions(c, service, liveSince).compose(transitions ->
            FleetQueries.bars(c, service, Slots.floor(hourAgo), recentFrom).compose(hourSlots ->
              RecentQuery.read(c, service, recentFrom, to, hourAgo).map(recent ->
                new Fleet(now, instances, assemble(states, transitions, lp, hourSlots, recent, firstSlot,
                  Math.floorDiv(hourAgo.toEpochMilli(), SLOT_MS), recentSlot)))))));
    });
  }

  private static Map<String, FleetCheck> assemble(Map<String, Map<String, String>> states,
                                                  Map<String, List<FleetChange>> transitions, LongPart lp,
                                                  Map<String, Map<Long, long[]>> hourSlots,
                                                  RecentQuery.Recent recentPart, long firstSlot, long hourSlot,
                                                  long recentSlot) {
    Map<String, FleetCheck> checks = new HashMap<>();
    for (Map.Entry<String, Map<String, String>> e : states.entrySet()) {
      String check = e.getKey();
      Map<Long, long[]> older = lp.bars().getOrDefault(check, Map.of());
      Map<Long, long[]> recent = recentPart.bars().getOrDefault(check, Map.of());
      Map<Long, long[]> fresh = hourSlots.getOrDefault(check, Map.of());
      List<Double> bars = new ArrayList<>(BARS);
      long counted = 0;
      long down = 0;
      for (long slot = firstSlot; slot < firstSlot + BARS; slot++) {
        long[] b = slot >= recentSlot ? recent.get(slot) : slot >= hourSlot ? fresh.get(slot) : older.get(slot);
        if (b == null) {
          bars.add(-1.0);
        } else if (b[0] > 0) {
          bars.add((double) b[1] / b[0]);
        } else {
          bars.add(b[2] > 0 ? -2.0 : -1.0);
        }
        if (b != null) {
          counted += b[0];
          down += b[1];
        }
      }
      Map<String, Double> uptime = new HashMap<>();
      // 1 h: the minutes of the last slots plus the slots before, back to the one the hour starts in.
      long[] h = recentPart.hour().getOrDefault(check, new long[4]).clone();
      for (long[] v : fresh.values()) {
        h[0] += v[0];
        h[1] += v[1];
        h[2] += v[3];
        h[3] += v[4];
      }
      put(uptime, "1h", h[0], h[1]);
      put(uptime, "24h", counted, down);
      long[] w = lp.windows().get(check);
      for (int i = 0; i < LONG_WINDOWS.size() && w != null; i++) {
        put(uptime, LONG_WINDOWS.get(i), w[2 * i], w[2 * i + 1]);
      }
      double latency = h[3] == 0 ? -1 : (double) h[2] / h[3];
      checks.put(check, new FleetCheck(e.getValue(), uptime, bars, latency,
        transitions.getOrDefault(check, List.of())));
    }
    return checks;
  }

  private static void put(Map<String, Double> uptime, String window, long counted, long down) {
    if (counted > 0) {
      uptime.put(window, 100.0 * (counted - down) / counted);
    }
  }
}
