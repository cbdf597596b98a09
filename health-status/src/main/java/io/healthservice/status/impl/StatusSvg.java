package io.healthservice.status.impl;


import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The inline SVG of the status page: a 24 h timeline and a latency sparkline. Styled by class only (CSP). */
final class StatusSvg {

  static final int SEGMENTS = 144;
  static final int SEGMENT_MINUTES = 10;
  private static final int NONE = 0;
  private static final int UP = 1;
  private static final int DOWN = 2;
  private static final DateTimeFormatter HM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private StatusSvg() {
  }

  /**
   * 144 ten-minute segments ending with the current minute: tall red where the check was down the whole
   * time it was observed, medium amber where part of it, short green where up, a grey sliver without data.
   * Neighbours in the same state are drawn as one bar.
   */
  static void timeline(StringBuilder svg, StatusRow row, Instant now) {
    long nowMinute = Math.floorDiv(now.toEpochMilli(), 60_000L);
    long first = nowMinute - SEGMENTS * SEGMENT_MINUTES + 1;
    int[] flags = new int[SEGMENTS];
    for (MinuteBucket bucket : row.minutes()) {
      int index = (int) Math.floorDiv(bucket.epochMinute() - first, SEGMENT_MINUTES);
      if (index >= 0 && index < SEGMENTS) {
        flags[index] |= (bucket.upMs() > 0 ? UP : NONE) | (bucket.downMs() > 0 ? DOWN : NONE);
      }
    }
    // The time since the latest event is in no bucket yet: it belongs to the current state.
    if (row.history().isPresent() && !"pending".equals(row.history().get().state())) {
      CheckHistory history = row.history().get();
      int flag = "ok".equals(history.state()) ? UP : DOWN;
      long from = Math.max(first, Math.floorDiv(history.stateAt().toEpochMilli(), 60_000L));
      for (long index = (from - first) / SEGMENT_MINUTES; index < SEGMENTS; index++) {
        flags[(int) index] |= flag;
      }
    }
    int down = 0;
    for (int flag : flags) {
      down += flag == NONE || flag == UP ? 0 : 1;
    }
    svg.append("<svg viewBox=\"0 0 ").append(SEGMENTS).append(" 22\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
      .append(down == 0 ? "no downtime" : "down in " + down + " of " + SEGMENTS + " ten-minute periods")
      .append(" in the last 24 hours\">");
    int start = 0;
    for (int i = 1; i <= SEGMENTS; i++) {
      if (i == SEGMENTS || flags[i] != flags[start]) {
        bar(svg, flags[start], start, i - start, first);
        start = i;
      }
    }
    svg.append("</svg>");
  }

  private static void bar(StringBuilder svg, int flag, int start, int length, long firstMinute) {
    String kind = flag == NONE ? "none" : flag == UP ? "up" : flag == DOWN ? "down" : "part";
    int height = flag == NONE ? 3 : flag == UP ? 10 : flag == DOWN ? 22 : 15;
    Instant from = Instant.ofEpochSecond((firstMinute + (long) start * SEGMENT_MINUTES) * 60);
    Instant to = from.plusSeconds((long) length * SEGMENT_MINUTES * 60);
    String words = switch (kind) {
      case "none" -> "no data";
      case "up" -> "up";
      case "down" -> "down";
      default -> "down part of the time";
    };
    svg.append("<rect class=\"t-").append(kind).append("\" x=\"").append(start).append("\" y=\"").append(22 - height)
      .append("\" width=\"").append(length).append("\" height=\"").append(height).append("\"><title>")
      .append(HM.format(from)).append("–").append(HM.format(to)).append(" UTC: ").append(words).append("</title></rect>");
  }

  /** The caption's end and a line of the per-minute mean latency over the last hour. */
  static void sparkline(StringBuilder svg, List<MinuteBucket> minutes, Instant now) {
    long first = Math.floorDiv(now.toEpochMilli(), 60_000L) - 59;
    double top = 0;
    long max = 0;
    long runs = 0;
    long sum = 0;
    for (MinuteBucket b : minutes) {
      if (b.epochMinute() >= first && b.runs() > 0) {
        top = Math.max(top, b.avgMs());
        max = Math.max(max, b.maxMs());
        runs += b.runs();
        sum += b.sumMs();
      }
    }
    if (runs == 0) {
      svg.append("Latency, last hour: no runs yet</figcaption>");
      return;
    }
    svg.append("Latency, last hour: mean ").append(String.format(Locale.ROOT, "%.1f", (double) sum / runs))
      .append(" ms, slowest ").append(max).append(" ms</figcaption>")
      .append("<svg viewBox=\"0 0 60 32\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><polyline class=\"line\" ")
      .append("vector-effect=\"non-scaling-stroke\" points=\"");
    double scale = top == 0 ? 0 : 28 / top;
    for (MinuteBucket b : minutes) {
      if (b.epochMinute() >= first && b.runs() > 0) {
        svg.append(b.epochMinute() - first).append(',')
          .append(Math.round((30 - b.avgMs() * scale) * 10) / 10.0).append(' ');
      }
    }
    svg.append("\"/></svg>");
  }
}
