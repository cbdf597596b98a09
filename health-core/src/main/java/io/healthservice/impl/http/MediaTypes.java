package io.healthservice.impl.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Which body a caller asked for: {@code application/health+json} by {@code Accept} or by
 * {@code ?format=health+json} (for tools that cannot set headers), the seed {@code application/json} otherwise
 * — including for {@code *}{@code /*}, an absent header and media types this service does not speak (a probe
 * answers rather than 406).
 */
final class MediaTypes {

  private MediaTypes() {
  }

  static boolean wantsHealthJson(RoutingContext ctx) {
    String query = ctx.request().query();
    if (query != null && query.contains("format=")) {
      String format = ctx.queryParams().get("format");
      // An unescaped '+' in a query string decodes as a space.
      if ("health+json".equals(format) || "health json".equals(format)) {
        return true;
      }
    }
    String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
    return accept != null && prefersHealthJson(accept);
  }

  /**
   * True when {@code accept} ranks {@code application/health+json} above zero and at least as high as any
   * range that would also take {@code application/json} (a tie goes to the one the caller named).
   */
  static boolean prefersHealthJson(String accept) {
    if (!mayAskForHealthJson(accept)) {
      return false; // the hot path (kubelet sends "*/*"): one scan, no parsing, no allocation
    }
    double healthJson = 0;
    double json = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase();
      double q = quality(parts);
      switch (type) {
        case "application/health+json" -> healthJson = Math.max(healthJson, q);
        case "application/json", "application/*", "*/*" -> json = Math.max(json, q);
        default -> {
        }
      }
    }
    return healthJson > 0 && healthJson >= json;
  }

  /** Whether {@code accept} names health+json at all: when not, the seed JSON is the answer whatever else it says. */
  static boolean mayAskForHealthJson(String accept) {
    return containsIgnoreCase(accept, "health+json");
  }

  private static boolean containsIgnoreCase(String text, String part) {
    for (int i = 0; i + part.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return true;
      }
    }
    return false;
  }

  private static double quality(String[] parameters) {
    for (int i = 1; i < parameters.length; i++) {
      String parameter = parameters[i].trim();
      if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q') && parameter.charAt(1) == '=') {
        try {
          double q = Double.parseDouble(parameter.substring(2).trim());
          return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
          return 0; // a malformed weight counts as "not acceptable" rather than failing the probe
        }
      }
    }
    return 1;
  }
}
