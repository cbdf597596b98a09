package io.healthservice.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Just enough of a PromQL reader to list what a query asks of the scraped metrics: its series selectors
 * (metric name and label matchers) and the labels it groups by. Functions, aggregations, operators,
 * numbers, ranges and Grafana variables are skipped. Not a validator: Prometheus itself parses the
 * queries in {@link DashboardOnPrometheusTest}.
 */
final class PromQl {

  /** A label matcher such as {@code check=~"$check"}. */
  record Matcher(String label, String op, String value) {
  }

  /** {@code metric{matchers}}. */
  record Selector(String metric, List<Matcher> matchers) {
  }

  /** What a query reads. */
  record Parsed(List<Selector> selectors, Set<String> groupingLabels) {
  }

  /** Words that are PromQL syntax, not metric names, when not followed by "(". */
  private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
    "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "sum", "min", "max", "avg", "group", "stddev",
    "stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk");
  private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

  private final String expr;
  private int pos;

  private PromQl(String expr) {
    this.expr = expr;
  }

  static Parsed parse(String expr) {
    return new PromQl(expr).read();
  }

  private Parsed read() {
    List<Selector> selectors = new ArrayList<>();
    Set<String> grouping = new LinkedHashSet<>();
    while (pos < expr.length()) {
      char c = expr.charAt(pos);
      if (c == '"' || c == '\'' || c == '`') {
        quoted();
      } else if (c == '[') {
        pos = expr.indexOf(']', pos) + 1; // range or subquery duration: [5m], [$__rate_interval]
      } else if (c == '$') {
        pos++;
        identifier(); // a Grafana variable outside a selector
      } else if (Character.isDigit(c) || c == '.') {
        while (pos < expr.length() && (Character.isLetterOrDigit(expr.charAt(pos)) || expr.charAt(pos) == '.')) {
          pos++;
        }
      } else if (c == '{') {
        selectors.add(new Selector("", matchers())); // {__name__=...} form: no metric name
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        String word = identifier();
        skipSpaces();
        boolean call = pos < expr.length() && expr.charAt(pos) == '(';
        if (GROUPING.contains(word)) {
          if (call) {
            grouping.addAll(labelList());
          }
        } else if (!call && !KEYWORDS.contains(word)) {
          boolean braces = pos < expr.length() && expr.charAt(pos) == '{';
          selectors.add(new Selector(word, braces ? matchers() : List.of()));
        }
      } else {
        pos++;
      }
    }
    return new Parsed(selectors, grouping);
  }

  private String identifier() {
    int start = pos;
    while (pos < expr.length() && (Character.isLetterOrDigit(expr.charAt(pos)) || expr.charAt(pos) == '_'
      || expr.charAt(pos) == ':')) {
      pos++;
    }
    return expr.substring(start, pos);
  }

  private void skipSpaces() {
    while (pos < expr.length() && Character.isWhitespace(expr.charAt(pos))) {
      pos++;
    }
  }

  private String quoted() {
    char quote = expr.charAt(pos++);
    StringBuilder value = new StringBuilder();
    while (expr.charAt(pos) != quote) {
      if (expr.charAt(pos) == '\\' && quote != '`') {
        pos++;
      }
      value.append(expr.charAt(pos++));
    }
    pos++;
    return value.toString();
  }

  /** {@code (a, b)} after by/on/...: the label names. */
  private List<String> labelList() {
    int end = expr.indexOf(')', pos);
    List<String> labels = new ArrayList<>();
    for (String label : expr.substring(pos + 1, end).split(",")) {
      if (!label.isBlank()) {
        labels.add(label.strip());
      }
    }
    pos = end + 1;
    return labels;
  }

  /** {@code {a="x", b=~"y"}}. */
  private List<Matcher> matchers() {
    List<Matcher> matchers = new ArrayList<>();
    pos++; // {
    while (true) {
      skipSpaces();
      if (expr.charAt(pos) == '}') {
        pos++;
        return matchers;
      }
      if (expr.charAt(pos) == ',') {
        pos++;
        continue;
      }
      String label = identifier();
      skipSpaces();
      int opStart = pos;
      while ("=!~".indexOf(expr.charAt(pos)) >= 0) {
        pos++;
      }
      String op = expr.substring(opStart, pos);
      skipSpaces();
      if (label.isEmpty() || op.isEmpty()) {
        throw new IllegalArgumentException("cannot read the selector at " + pos + " of " + expr);
      }
      matchers.add(new Matcher(label, op, quoted()));
    }
  }
}
