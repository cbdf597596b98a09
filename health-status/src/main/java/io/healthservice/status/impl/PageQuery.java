package io.healthservice.status.impl;

import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a viewer of {@code /status} asked for with the page's GET form: {@code ?q=redis&state=down&group=kind&page=2}.
 * Unknown values fall back to the defaults, so a hand-edited URL still gets a page.
 *
 * @param text  part of the check's name, group or kind, case-insensitive; empty for all
 * @param state {@code down} (down or stale), {@code warning}, {@code pending}, {@code up}, or empty for all
 * @param group {@code kind}, {@code group}, or empty for one list
 * @param page  1-based
 */
record PageQuery(String text, String state, String group, int page) {

  static final PageQuery DEFAULT = new PageQuery("", "", "", 1);
  static final Set<String> STATES = Set.of("down", "warning", "pending", "up");
  private static final int MAX_TEXT = 100;

  static PageQuery of(RoutingContext ctx) {
    var params = ctx.queryParams();
    if (params.isEmpty()) {
      return DEFAULT;
    }
    String text = params.get("q") == null ? "" : params.get("q").strip();
    String state = params.get("state") == null ? "" : params.get("state");
    String group = params.get("group") == null ? "" : params.get("group");
    int page = 1;
    try {
      page = params.get("page") == null ? 1 : Math.max(1, Integer.parseInt(params.get("page")));
    } catch (NumberFormatException e) {
      // a hand-edited URL: the first page
    }
    return new PageQuery(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text,
      STATES.contains(state) ? state : "", group.equals("kind") || group.equals("group") ? group : "", page);
  }

  /** The view every viewer without a query gets: rendered once a second, cached. */
  boolean isDefault() {
    return text.isEmpty() && state.isEmpty() && group.isEmpty() && page == 1;
  }

  boolean filtered() {
    return !text.isEmpty() || !state.isEmpty();
  }

  boolean matches(StatusRow row) {
    if (!state.isEmpty() && !state.equals(row.filterState()) && !(state.equals("down") && row.failing())) {
      return false;
    }
    if (text.isEmpty()) {
      return true;
    }
    String needle = text.toLowerCase(Locale.ROOT);
    return row.check().toLowerCase(Locale.ROOT).contains(needle) || row.group().name().toLowerCase(Locale.ROOT).contains(needle)
      || row.kind().map(k -> k.toLowerCase(Locale.ROOT).contains(needle)).orElse(false);
  }

  /** The link to {@code page} of this view: {@code ?q=...&state=...&group=...&page=N}, HTML-escaped. */
  String link(int target) {
    StringBuilder href = new StringBuilder("?");
    if (!text.isEmpty()) {
      href.append("q=").append(URLEncoder.encode(text, StandardCharsets.UTF_8)).append("&amp;");
    }
    if (!state.isEmpty()) {
      href.append("state=").append(state).append("&amp;");
    }
    if (!group.isEmpty()) {
      href.append("group=").append(group).append("&amp;");
    }
    return href.append("page=").append(target).toString();
  }
}
