package io.healthservice.status.impl;

import io.healthservice.HealthStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The HTML of {@code /status}: one self-contained page (inline CSS and SVG, no script, no external asset) allowed
 * by a Content-Security-Policy that admits exactly its own stylesheet and its own GET form. It refreshes itself
 * with a meta refresh. A header that names what is failing, a filter form, one compact row per check, pages.
 */
final class StatusPage {

  static final int REFRESH_SECONDS = 10;
  private static final String CSS = String.join("",
    "body{margin:0;font:15px/1.35 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#f4f5f7}",
    "main{max-width:1100px;margin:0 auto;padding:8px}",
    "header{padding:10px 14px;border-radius:8px;color:#fff;margin-bottom:8px}h1{font-size:1.25em;margin:0}",
    "header p{font-size:.85em;margin:3px 0}.ok{background:#1b5e20}.degraded{background:#8a4b00}.error{background:#b71c1c}",
    "form{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0 0 8px;font-size:.9em}",
    "input,select,button{font:inherit;padding:3px 6px}input{flex:1 1 10em;min-width:0}",
    ".rows{list-style:none;margin:0;padding:0}",
    ".row{display:grid;grid-template-columns:minmax(0,2fr) 7.5em minmax(0,1.6fr) 6.5em 6.5em 4em;gap:2px 10px;",
    "align-items:center;background:#fff;padding:5px 10px;margin-bottom:3px;border-left:6px solid #888;border-radius:4px}",
    ".row.s-ok{border-color:#2e7d32}.row.s-down{border-color:#c62828}.row.s-stale{border-color:#a64500}.row.s-warn{border-color:#c49000}",
    ".name{font-weight:600;overflow-wrap:anywhere}.num{font-size:.85em;color:#444;white-space:nowrap}",
    ".num b{color:#1a1a1a;font-variant-numeric:tabular-nums}",
    ".state{font-size:.85em;color:#fff;padding:1px 8px;border-radius:10px;justify-self:start;white-space:nowrap}",
    ".state.s-ok{background:#1b5e20}.state.s-down{background:#b71c1c}.state.s-stale{background:#a64500}",
    ".state.s-pending{background:#555}.s-warn .state{background:#7a5a00}",
    ".tag{font-size:.75em;font-weight:400;color:#444;border:1px solid #999;border-radius:10px;padding:0 6px;white-space:nowrap}",
    ".bar svg{display:block;width:100%;height:16px}.line{grid-column:1/-1;font-size:.85em;color:#333}",
    ".reason{color:#5d1010}.warning{color:#6b4a00}.maint{color:#0d47a1;font-weight:600}",
    ".fleet{color:#8a1c1c;font-weight:600}details{font-size:.85em}details[open]{grid-column:1/-1}summary{color:#555}",
    "details p{margin:2px 0}ol.transitions{margin:0;padding-left:20px}time{font-variant-numeric:tabular-nums}",
    "svg path{fill:none}.t-up{stroke:#2e7d32}.t-part{stroke:#e0a000}.t-down{stroke:#c62828}.t-none{stroke:#d5d7db}.t-maint{stroke:#1e63b8}",
    "h2{font-size:1em;margin:10px 0 4px}nav{margin:8px 0;display:flex;gap:16px;font-size:.9em}.legend{font-size:.8em;color:#444}",
    "@media (max-width:640px){.row{grid-template-columns:minmax(0,1fr) auto}.bar,.line{grid-column:1/-1}",
    ".state{justify-self:end}.line{order:1}details{order:2}}");
  /** Only this page's own stylesheet and its GET form; no script, no image, no connection, no frame. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(CSS)
    + "'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final int NAMED_IN_HEADER = 5;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private StatusPage() {
  }

  /**
   * @param source one line saying where the history comes from (this replica's memory, the store, the store down)
   */
  static String render(String service, HealthStatus overall, List<StatusRow> all, PageQuery query, boolean details,
                       String source, Instant now) {
    PageRows rows = PageRows.select(all, query);
    StringBuilder html = new StringBuilder(8_192 + rows.shown().size() * 1_500);
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
      .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
      .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
      .append("<title>").append(esc(service)).append(" status: ").append(overall.text()).append("</title>")
      .append("<style>").append(CSS).append("</style></head><body><main>");
    PageHeader.append(html, service, overall, rows, NAMED_IN_HEADER, source, now);
    form(html, query);
    String heading = null;
    html.append("<ol class=\"rows\">");
    for (StatusRow row : rows.shown()) {
      if (!query.group().isEmpty() && !PageRows.groupKey(row, query).equals(heading)) {
        heading = PageRows.groupKey(row, query);
        html.append("</ol><h2>").append(query.group().equals("kind") ? "Kind " : "Group ").append(esc(heading))
          .append("</h2><ol class=\"rows\">");
      }
      RowHtml.append(html, row, details);
    }
    html.append("</ol>");
    if (rows.shown().isEmpty()) {
      html.append("<p id=\"none\">No check matches.</p>");
    }
    pager(html, query, rows);
    html.append("<p class=\"legend\">Bar: the last 24 hours in 10-minute periods; tall red = down, medium amber = down")
      .append(" part of the time, short green = up, low blue = maintenance (left out of uptime), grey = no data.")
      .append(" Uptime counts only time outside maintenance windows. Latency: mean of the last hour, leaving out each")
      .append(" check's first run after start (it opens connections).</p></main></body></html>");
    return html.toString();
  }

  private static void form(StringBuilder html, PageQuery query) {
    html.append("<form method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" aria-label=\"Filter by name\"")
      .append(" placeholder=\"name, group or kind\" value=\"").append(esc(query.text())).append("\"><select name=\"state\"")
      .append(" aria-label=\"State\">");
    option(html, "", "any state", query.state());
    for (String state : List.of("down", "warning", "pending", "up")) {
      option(html, state, state.equals("down") ? "down or stale" : state, query.state());
    }
    html.append("</select><select name=\"group\" aria-label=\"Grouping\">");
    option(html, "", "no grouping", query.group());
    option(html, "kind", "by kind", query.group());
    option(html, "group", "by group", query.group());
    html.append("</select><button type=\"submit\">Show</button></form>");
  }

  private static void option(StringBuilder html, String value, String text, String selected) {
    html.append("<option value=\"").append(value).append('"').append(value.equals(selected) ? " selected" : "").append('>')
      .append(text).append("</option>");
  }

  private static void pager(StringBuilder html, PageQuery query, PageRows rows) {
    int page = Math.min(query.page(), rows.pages());
    html.append("<nav aria-label=\"Pages\"><span id=\"page\">Page ").append(page).append(" of ").append(rows.pages())
      .append(" (").append(rows.matching()).append(rows.matching() == 1 ? " check)" : " checks)").append("</span>");
    if (page > 1) {
      html.append("<a rel=\"prev\" href=\"").append(query.link(page - 1)).append("\">← previous</a>");
    }
    if (page < rows.pages()) {
      html.append("<a rel=\"next\" href=\"").append(query.link(page + 1)).append("\">next →</a>");
    }
    html.append("</nav>");
  }

  /** A symbol and a word: the state never depends on colour alone. */
  static String label(String state) {
    return switch (state) {
      case "ok" -> "✓ Up";
      case "down" -> "✕ Down";
      case "stale" -> "! Stale";
      default -> "… Pending";
    };
  }

  static String percent(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.2f %%", value.getAsDouble()) : "no data";
  }

  static String time(Instant at, Instant now) {
    return Duration.between(at, now).toHours() >= 20 ? DAY_TIME.format(at) : TIME.format(at);
  }

  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JVM", e);
    }
  }
}
