package io.healthservice.status.impl;

import io.healthservice.HealthStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.healthservice.status.impl.StatusPage.esc;

/** The page's coloured header: the verdict, the failing checks by name, the counts, and where the history comes from. */
final class PageHeader {

  private PageHeader() {
  }

  static void append(StringBuilder html, String service, HealthStatus overall, PageRows rows, int named, String source,
                     Instant now) {
    String verdict = switch (overall) {
      case OK -> "✓ OK";
      case DEGRADED -> "! Degraded";
      case ERROR -> "✕ Error";
    };
    html.append("<header id=\"overall\" class=\"").append(overall.text()).append("\"><h1>").append(esc(service))
      .append(" — <span id=\"overall-text\">").append(verdict).append(": ");
    List<StatusRow> failing = rows.failing();
    if (failing.isEmpty()) {
      html.append(overall == HealthStatus.OK ? "all dependencies are up" : "not ready");
    } else {
      // Down here, and (with a store) down only on other replicas: this replica's verdict must not read as a lie.
      List<StatusRow> here = failing.stream().filter(r -> !r.up()).toList();
      List<StatusRow> elsewhere = failing.stream().filter(StatusRow::up).toList();
      int left = named;
      if (!here.isEmpty()) {
        left -= names(html, here, left);
        html.append(here.size() == 1 ? " is " : " are ").append("down");
      }
      if (!elsewhere.isEmpty()) {
        html.append(here.isEmpty() ? "up here; " : "; ");
        names(html, elsewhere, Math.max(1, left));
        html.append(elsewhere.size() == 1 ? " is " : " are ").append("down on another replica");
      }
    }
    html.append("</span></h1><p id=\"counts\">");
    Map<String, Integer> counts = rows.counts();
    boolean first = true;
    for (String state : List.of("down", "stale", "warning", "pending", "up")) {
      Integer n = counts.get(state);
      if (n != null) {
        html.append(first ? "" : ", ").append(n).append(' ').append(state);
        first = false;
      }
    }
    html.append("</p><p>As of ").append(StatusPage.time(now, now)).append(", refreshes every ")
      .append(StatusPage.REFRESH_SECONDS).append(" s. <span id=\"source\">").append(esc(source)).append("</span></p></header>");
  }

  /** Up to {@code max} names, then "and N more"; returns how many were named. */
  private static int names(StringBuilder html, List<StatusRow> rows, int max) {
    List<String> names = rows.stream().limit(max).map(r -> esc(r.label())).toList();
    html.append(String.join(", ", names));
    if (rows.size() > max) {
      html.append(" and ").append(rows.size() - max).append(" more");
    }
    return names.size();
  }
}
