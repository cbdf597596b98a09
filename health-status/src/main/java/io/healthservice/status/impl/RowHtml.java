package io.healthservice.status.impl;

import io.healthservice.status.HistoryStore.FleetChange;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import static io.healthservice.status.impl.StatusPage.esc;

/**
 * One check as one compact row of {@code /status}: name, state (word and symbol), 24 h bar, uptime, latency, and
 * the reason or warning for viewers granted details; more (other windows, recent changes) in a {@code <details>}.
 */
final class RowHtml {

  private static final int SHOWN_TRANSITIONS = 5;

  private RowHtml() {
  }

  static void append(StringBuilder html, StatusRow row, boolean details) {
    Instant now = row.now();
    String label = row.warning() ? "⚠ Warning" : StatusPage.label(row.state());
    html.append("<li class=\"row s-").append(row.state()).append(row.warning() ? " s-warn" : "").append("\" id=\"check-")
      .append(esc(row.check())).append("\"><span class=\"name\">").append(esc(row.label()));
    if (!row.group().critical()) {
      html.append(" <span class=\"tag\">non-critical</span>");
    }
    row.kind().ifPresent(kind -> html.append(" <span class=\"tag kind\">").append(esc(kind)).append("</span>"));
    html.append("</span><span class=\"state s-").append(row.state()).append("\">").append(label).append("</span>");
    html.append("<span class=\"bar timeline\">");
    StatusSvg.timeline(html, row, now);
    html.append("</span><span class=\"num\">24 h <b class=\"up24h\">").append(StatusPage.percent(row.uptime24h()))
      .append("</b></span><span class=\"num\">mean <b class=\"lat\">").append(latency(row.latencyMs())).append("</b></span>");
    more(html, row, details);
    // A second line only when there is something to read: a failure, a warning, a window, replicas that disagree.
    String reason = row.latest().effectiveReason(row.nowNanos());
    boolean failing = !row.up() && !"pending".equals(row.state());
    if (failing || row.warning() || row.maintenance().isPresent() || disagree(row)) {
      html.append("<span class=\"line\">");
      row.maintenance().ifPresent(w -> html.append("<span class=\"maint\">🔧 Maintenance: ").append(esc(w)).append("</span> "));
      fleetLine(html, row);
      if (failing || row.warning()) {
        since(html, row);
      }
      if (details && failing && reason != null) {
        html.append(": <span class=\"reason\">").append(esc(reason)).append("</span>");
      }
      if (details && row.warning()) {
        html.append(" <span class=\"warning\">warning: ").append(esc(String.join("; ", row.warnings()))).append("</span>");
      }
      html.append("</span>");
    }
    html.append("</li>");
  }

  private static void since(StringBuilder html, StatusRow row) {
    html.append("<span class=\"since\">").append(StatusPage.label(row.state()).substring(2));
    row.since().ifPresent(since -> html.append(" since <time datetime=\"").append(since).append("\">")
      .append(StatusPage.time(since, row.now())).append("</time>"));
    html.append("</span>");
  }

  private static boolean disagree(StatusRow row) {
    return row.fleet().map(f -> f.states().values().stream().distinct().count() > 1).orElse(false);
  }

  /** "down on b, c of 3 replicas" when the live replicas disagree; nothing when they all see what this one sees. */
  private static void fleetLine(StringBuilder html, StatusRow row) {
    if (!disagree(row)) {
      return;
    }
    Map<String, String> states = new TreeMap<>(row.fleet().get().states());
    Map<String, List<String>> byState = new TreeMap<>();
    states.forEach((instance, state) -> byState.computeIfAbsent(state, s -> new java.util.ArrayList<>()).add(instance));
    List<String> bad = byState.getOrDefault("down", byState.getOrDefault("stale", List.of()));
    String word = byState.containsKey("down") ? "down" : "stale";
    html.append("<span class=\"fleet\">").append(word).append(" on ").append(esc(String.join(", ", bad))).append(" of ")
      .append(states.size()).append(" replicas</span> ");
  }

  private static void more(StringBuilder html, StatusRow row, boolean details) {
    html.append("<details><summary>history</summary><p class=\"nums\">");
    if (row.up() || "pending".equals(row.state())) {
      since(html, row);
      html.append(". ");
    }
    html.append("Uptime 1 h <b class=\"up1h\">").append(StatusPage.percent(row.uptime1h())).append("</b>");
    row.fleet().ifPresent(f -> {
      for (String window : List.of("7d", "30d", "90d")) {
        Double value = f.uptime().get(window);
        html.append(", ").append(window.replace("d", " d")).append(" <b>")
          .append(StatusPage.percent(value == null ? OptionalDouble.empty() : OptionalDouble.of(value))).append("</b>");
      }
    });
    html.append("</p><ol class=\"transitions\">");
    if (row.fleet().isPresent() && !row.fleet().get().transitions().isEmpty()) {
      List<FleetChange> changes = row.fleet().get().transitions();
      for (FleetChange c : changes.subList(0, Math.min(SHOWN_TRANSITIONS, changes.size()))) {
        change(html, c.change().at(), c.change().from(), c.change().to(), details ? c.change().kind() : null,
          details ? c.change().reason() : null, c.instance(), row.now());
      }
    } else {
      List<Transition> transitions = row.history().map(CheckHistory::transitions).orElse(List.of());
      if (transitions.isEmpty()) {
        html.append("<li>no change yet</li>");
      }
      for (Transition t : transitions.subList(0, Math.min(SHOWN_TRANSITIONS, transitions.size()))) {
        change(html, t.at(), t.from(), t.to(), details && t.kind() != null ? t.kind().label() : null,
          details ? t.reason() : null, null, row.now());
      }
    }
    html.append("</ol></details>");
  }

  private static void change(StringBuilder html, Instant at, String from, String to, String kind, String reason,
                             String instance, Instant now) {
    html.append("<li><time datetime=\"").append(at).append("\">").append(StatusPage.time(at, now)).append("</time> ")
      .append(StatusPage.label(from).substring(2)).append(" → ").append(StatusPage.label(to).substring(2));
    if (instance != null) {
      html.append(" on ").append(esc(instance));
    }
    if (kind != null || reason != null) {
      html.append(": <span class=\"reason\">").append(kind == null ? "" : esc(kind))
        .append(kind != null && reason != null ? ", " : "").append(reason == null ? "" : esc(reason)).append("</span>");
    }
    html.append("</li>");
  }

  private static String latency(OptionalDouble ms) {
    // Latencies are whole milliseconds: a mean of 0 is "under a millisecond", not "0.0 ms".
    return ms.isEmpty() ? "–" : ms.getAsDouble() == 0 ? "< 1 ms" : ms.getAsDouble() < 10 ? String.format(Locale.ROOT, "%.1f ms", ms.getAsDouble())
      : Math.round(ms.getAsDouble()) + " ms";
  }
}
