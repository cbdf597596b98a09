package io.healthservice.impl.checks;

/**
 * libpq-style URL handling that both the check (building its connection) and the service's config
 * validation need; it lives here so the check does not depend on the config code.
 */
public final class PostgresUrls {

  private PostgresUrls() {
  }

  /** {@code url} without the query parameter {@code name} (the Vert.x client would send it to the server). */
  public static String withoutParameter(String url, String name) {
    int question = url.indexOf('?');
    if (question < 0) {
      return url;
    }
    StringBuilder kept = new StringBuilder();
    for (String pair : url.substring(question + 1).split("&")) {
      if (!pair.startsWith(name + "=") && !pair.isEmpty()) {
        kept.append(kept.length() == 0 ? "" : "&").append(pair);
      }
    }
    return url.substring(0, question) + (kept.length() == 0 ? "" : "?" + kept);
  }
}
