package io.healthservice.status.impl;

import io.healthservice.CheckWarning;
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
 * The HTML of {@code /status}: one self-contained page (inline CSS, inline SVG, no script, no external
 * asset), allowed by a Content-Security-Policy that admits exactly its own stylesheet. It refreshes itself
 * with a meta refresh, so it needs no JavaScript. Colour is never the only signal: every state is also a
 * word and a symbol, and timeline segments differ in height.
 */
final class StatusPage {

  static final int REFRESH_SECONDS = 10;
  private static final int SHOWN_TRANSITIONS = 6;
  private static final String CSS = String.join("",
    "body{margin:0;font:16px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1a1a;background:#f4f5f7}",
    "main{max-width:860px;margin:0 auto;padding:12px}",
    "header{padding:14px 16px;border-radius:8px;color:#fff;margin-bottom:12px}",
    "h1{font-size:1.3em;margin:0}h2{font-size:1.1em;margin:0 0 4px;display:flex;flex-wrap:wrap;gap:8px;align-items:center}",
    "h3{font-size:.9em;margin:10px 0 2px;color:#444}p{margin:4px 0}",
    "header p{font-size:.85em;opacity:.95}",
    ".ok{background:#1b5e20}.degraded{background:#8a4b00}.error{background:#b71c1c}",
    ".check{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:12px;border-left:8px solid #888}",
    ".check.s-ok{border-color:#2e7d32}.check.s-down{border-color:#c62828}.check.s-stale{border-color:#a64500}",
    ".state{font-size:.85em;color:#fff;padding:2px 8px;border-radius:10px}",
    ".state.s-ok{background:#1b5e20}.state.s-down{background:#b71c1c}.state.s-stale{background:#a64500}",
    ".state.s-pending{background:#555}.tag{font-size:.75em;color:#444;border:1px solid #999;border-radius:10px;padding:1px 6px}",
    ".nums{display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.9em}.nums b{font-variant-numeric:tabular-nums}",
    "figure{margin:8px 0}figcaption{font-size:.85em;color:#444}svg{display:block;width:100%}",
    ".timeline svg{height:22px}.spark svg{height:32px}",
    ".t-up{fill:#2e7d32}.t-part{fill:#e0a000}.t-down{fill:#c62828}.t-none{fill:#d5d7db}",
    ".line{fill:none;stroke:#1565c0;stroke-width:1.5}.axis{display:flex;justify-content:space-between;font-size:.75em;color:#555}",
    "ol{margin:0;padding-left:20px;font-size:.9em}time{font-variant-numeric:tabular-nums}",
    ".reason{color:#5d1010}.legend{font-size:.8em;color:#444}");
  /** Only this page's own stylesheet; no script, no image, no connection, no frame, no form. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(CSS)
    + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private StatusPage() {
  }

  static String render(String service, HealthStatus overall, List<StatusRow> rows, boolean details, long nowNanos, Instant now) {
    StringBuilder html = new StringBuilder(16_384);
    String verdict = switch (overall) {
      case OK -> "✓ OK: all dependencies are up";
      case DEGRADED -> "! Degraded: a non-critical dependency is down";
      case ERROR -> "✕ Error: a critical dependency is down";
    };
    html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
      .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
      .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">")
      .append("<title>").append(esc(service)).append(" status: ").append(overall.text()).append("</title>")
      .append("<style>").append(CSS).append("</style></head><body><main>")
      .append("<header id=\"overall\" class=\"").append(overall.text()).append("\"><h1>").append(esc(service))
      .append(" — <span id=\"overall-text\">").append(verdict).append("</span></h1><p>As of ")
      .append(TIME.format(now)).append(", refreshes every ").append(REFRESH_SECONDS)
      .append(" s. History is kept in memory since the service started (lost on restart).</p></header>");
    for (StatusRow row : rows) {
      check(html, row, details, nowNanos, now);
    }
    html.append("<p class=\"legend\">Timeline: each bar is 10 minutes; tall red = down, medium amber = down part of the time,")
      .append(" short green = up, grey = no data.</p></main></body></html>");
    return html.toString();
  }

  private static void check(StringBuilder html, StatusRow row, boolean details, long nowNanos, Instant now) {
    String label = label(row.state());
    html.append("<section class=\"check s-").append(row.state()).append("\" id=\"check-").append(esc(row.check()))
      .append("\"><h2>").append(esc(row.group().isSingleCheck() ? row.check() : row.group().name() + " / " + row.check()))
      .append(" <span class=\"state s-").append(row.state()).append("\">").append(label).append("</span>");
    if (!row.group().critical()) {
      html.append("<span class=\"tag\">non-critical</span>");
    }
    html.append("</h2><p class=\"since\">").append(label.substring(2));
    row.since().ifPresent(since -> html.append(" since <time datetime=\"").append(since).append("\">")
      .append(time(since, now)).append("</time> (").append(ago(Duration.between(since, now))).append(" ago)"));
    String reason = row.latest().effectiveReason(nowNanos);
    if (details && !row.up() && reason != null) {
      html.append(": <span class=\"reason\">").append(esc(reason)).append("</span>");
    }
    if (details && row.up() && !row.latest().warnings().isEmpty()) {
      html.append(" <span class=\"warning\">warning: ").append(esc(String.join("; ", row.latest().warnings().stream().map(CheckWarning::text).toList())))
        .append("</span>");
    }
    html.append("</p><p class=\"nums\"><span>Uptime 1 h: <b class=\"up1h\">").append(percent(row.uptime1h()))
      .append("</b></span><span>Uptime 24 h: <b class=\"up24h\">").append(percent(row.uptime24h())).append("</b></span></p>");
    html.append("<figure class=\"timeline\"><figcaption>Last 24 hours</figcaption>");
    StatusSvg.timeline(html, row, now);
    html.append("<div class=\"axis\"><span>24 h ago</span><span>12 h ago</span><span>now</span></div></figure>");
    html.append("<figure class=\"spark\"><figcaption>");
    StatusSvg.sparkline(html, row.minutes(), now);
    html.append("</figure>");
    List<Transition> transitions = row.history().map(h -> h.transitions()).orElse(List.of());
    html.append("<h3>Recent changes</h3><ol class=\"transitions\">");
    if (transitions.isEmpty()) {
      html.append("<li>none yet</li>");
    }
    for (Transition t : transitions.subList(0, Math.min(SHOWN_TRANSITIONS, transitions.size()))) {
      html.append("<li><time datetime=\"").append(t.at()).append("\">").append(time(t.at(), now)).append("</time> ")
        .append(label(t.from()).substring(2)).append(" → ").append(label(t.to()).substring(2));
      if (details && t.kind() != null) {
        html.append(": <span class=\"reason\">").append(t.kind().label());
        if (t.reason() != null) {
          html.append(", ").append(esc(t.reason()));
        }
        html.append("</span>");
      }
      html.append("</li>");
    }
    html.append("</ol></section>");
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

  private static String ago(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s < 120 ? s + " s" : s < 7200 ? s / 60 + " min" : s / 3600 + " h";
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
