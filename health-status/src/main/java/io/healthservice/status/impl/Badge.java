package io.healthservice.status.impl;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A shields.io-style badge: the check's name on grey, its state and 24 h uptime on the state's colour
 * (the words carry the meaning; the colour only repeats it). For a group: its worst member state and
 * lowest uptime.
 */
final class Badge {

  private Badge() {
  }

  static String render(String name, List<StatusRow> rows) {
    String state = "ok";
    OptionalDouble uptime = OptionalDouble.empty();
    for (StatusRow row : rows) {
      state = worse(state, row.state());
      if (row.uptime24h().isPresent() && (uptime.isEmpty() || row.uptime24h().getAsDouble() < uptime.getAsDouble())) {
        uptime = row.uptime24h();
      }
    }
    String word = switch (state) {
      case "ok" -> "up";
      case "down" -> "down";
      case "stale" -> "stale";
      default -> "pending";
    };
    String value = uptime.isPresent() ? word + " " + String.format(Locale.ROOT, "%.2f%%", uptime.getAsDouble()) + " 24h" : word;
    String color = switch (state) {
      case "ok" -> "#2e7d32";
      case "down" -> "#c62828";
      case "stale" -> "#a64500";
      default -> "#555";
    };
    String label = StatusPage.esc(name);
    int left = width(name);
    int right = width(value);
    int total = left + right;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + total + "\" height=\"20\" role=\"img\" aria-label=\""
      + label + ": " + value + "\"><title>" + label + ": " + value + "</title>"
      + "<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>"
      + "<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>"
      + "<clipPath id=\"r\"><rect width=\"" + total + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
      + "<g clip-path=\"url(#r)\"><rect width=\"" + left + "\" height=\"20\" fill=\"#555\"/><rect x=\"" + left
      + "\" width=\"" + right + "\" height=\"20\" fill=\"" + color + "\"/><rect width=\"" + total
      + "\" height=\"20\" fill=\"url(#s)\"/></g>"
      + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
      + text(left / 2.0, label) + text(left + right / 2.0, value) + "</g></svg>";
  }

  private static String text(double x, String text) {
    String at = String.format(Locale.ROOT, "%.1f", x);
    return "<text x=\"" + at + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">" + text + "</text>"
      + "<text x=\"" + at + "\" y=\"14\">" + text + "</text>";
  }

  /** Verdana 11 px averages about 7 px a character; shields pads 10 px on each side. */
  private static int width(String text) {
    return 10 + text.length() * 7 + 10;
  }

  private static String worse(String a, String b) {
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(String state) {
    return switch (state) {
      case "ok" -> 0;
      case "pending" -> 1;
      case "stale" -> 2;
      default -> 3;
    };
  }
}
