package io.healthservice.status.impl;

import java.time.Instant;
import java.util.List;

/**
 * The inline SVG of a row: a 24 h timeline of 144 ten-minute segments. Styled by class only (CSP); colour is never
 * the only signal: heights differ and each bar's title says what it was.
 */
final class StatusSvg {

  static final int SEGMENTS = 144;
  static final int SEGMENT_MINUTES = 10;
  private static final int NONE = 0;
  private static final int UP = 1;
  private static final int DOWN = 2;
  private static final int PART = UP | DOWN;
  private static final int MAINTENANCE = 4;
  private static final String[] NAMES = {"none", "up", "down", "part", "maint"};
  private static final String[] WORDS = {"no data", "up", "down", "down part of the time", "maintenance"};

  private StatusSvg() {
  }

  /**
   * The row's timeline ending with the current ten-minute period (wall-clock aligned, as the store's bars): the
   * fleet's bars when the store has them, else this replica's periods. Tall red where down the whole observed time,
   * medium amber where part of it, short green where up, low blue where only maintenance, a grey sliver without data.
   */
  static void timeline(StringBuilder svg, StatusRow row, Instant now) {
    long first = Math.floorDiv(now.toEpochMilli(), 60_000L * SEGMENT_MINUTES) - SEGMENTS + 1;
    int[] flags = row.fleet().filter(f -> f.bars().size() == SEGMENTS).map(f -> fleet(f.bars()))
      .orElseGet(() -> local(row, first));
    int down = 0;
    for (int flag : flags) {
      down += (flag & DOWN) != 0 ? 1 : 0;
    }
    svg.append("<svg viewBox=\"0 0 ").append(SEGMENTS).append(" 22\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
      .append(down == 0 ? "no downtime" : "down in " + down + " of " + SEGMENTS + " ten-minute periods")
      .append(" in the last 24 hours\">");
    // One path per kind (not a rect per period): a flapping day stays under 2 KB, 100 rows a page under 200 KB.
    for (int kind : new int[] {NONE, UP, PART, DOWN, MAINTENANCE}) {
      path(svg, flags, kind);
    }
    svg.append("</svg>");
  }

  /** @param first the first segment's period (minutes since the epoch / 10) */
  private static int[] local(StatusRow row, long first) {
    int[] flags = new int[SEGMENTS];
    for (MinuteBucket bucket : row.periods()) {
      long index = Math.floorDiv(bucket.epochMinute(), SEGMENT_MINUTES) - first;
      if (index >= 0 && index < SEGMENTS) {
        flags[(int) index] |= (bucket.upMs() > 0 ? UP : NONE) | (bucket.downMs() > 0 ? DOWN : NONE)
          | (bucket.maintenanceMs() > 0 ? MAINTENANCE : NONE);
      }
    }
    // The time since the latest event is in no bucket yet: it belongs to the current state (or the window).
    if (row.history().isPresent() && !"pending".equals(row.history().get().state())) {
      CheckHistory history = row.history().get();
      int flag = row.maintenance().isPresent() ? MAINTENANCE : "ok".equals(history.state()) ? UP : DOWN;
      long from = Math.max(first, Math.floorDiv(history.stateAt().toEpochMilli(), 60_000L * SEGMENT_MINUTES));
      for (long index = from - first; index < SEGMENTS; index++) {
        flags[(int) index] |= flag;
      }
    }
    // Maintenance shows only where nothing outside the window was observed.
    for (int i = 0; i < SEGMENTS; i++) {
      flags[i] = (flags[i] & PART) != 0 ? flags[i] & PART : flags[i];
    }
    return flags;
  }

  /** The store's bars: share of counted minutes down, -1 without data, -2 all maintenance. */
  private static int[] fleet(List<Double> bars) {
    int[] flags = new int[SEGMENTS];
    for (int i = 0; i < SEGMENTS; i++) {
      double share = bars.get(i);
      flags[i] = share == -2 ? MAINTENANCE : share < 0 ? NONE : share == 0 ? UP : share >= 1 ? DOWN : PART;
    }
    return flags;
  }

  /**
   * One kind's periods as one horizontal stroke as tall as the kind's bar, cut by a dash pattern: a run of periods is
   * a dash, the rest gaps. A day alternating every period costs 144 short numbers per kind rather than a subpath per
   * period (about 0.7 KB a row instead of 2.3 KB), so 100 rows stay under 300 KB whatever happened.
   */
  private static void path(StringBuilder svg, int[] flags, int kind) {
    int height = kind == NONE ? 3 : kind == UP ? 10 : kind == DOWN ? 22 : kind == MAINTENANCE ? 6 : 15;
    StringBuilder dashes = new StringBuilder(64);
    boolean any = false;
    boolean inKind = true; // a dash pattern starts with a dash: 0 when the first period is another kind's
    for (int i = 0; i < SEGMENTS; ) {
      int j = i;
      while (j < SEGMENTS && (flags[j] == kind) == inKind) {
        j++;
      }
      dashes.append(dashes.length() == 0 ? "" : " ").append(j - i);
      any |= inKind && j > i;
      inKind = !inKind;
      i = j;
    }
    if (!any) {
      return;
    }
    svg.append("<path class=\"t-").append(NAMES[kind]).append("\" d=\"M0 ").append(22 - height / 2.0).append('h')
      .append(SEGMENTS).append("\" stroke-width=\"").append(height).append("\" stroke-dasharray=\"").append(dashes)
      .append("\"><title>").append(WORDS[kind]).append("</title></path>");
  }
}
