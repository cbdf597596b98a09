package io.healthservice.metrics;

import java.util.Arrays;
import java.util.OptionalDouble;

/** One exposition in the Prometheus text format, read as a scraper would: a series' value by name and labels. */
record Scrape(String body) {

  /** The value of the first series called {@code name} that carries these label pairs, if any. */
  OptionalDouble value(String name, String... labels) {
    return body.lines()
      .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
      .filter(l -> hasLabels(l, labels))
      .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
      .findFirst();
  }

  boolean has(String name) {
    return value(name).isPresent();
  }

  private static boolean hasLabels(String line, String[] labels) {
    String head = line.substring(0, line.lastIndexOf(' '));
    for (int i = 0; i < labels.length; i += 2) {
      if (!head.contains(labels[i] + "=\"" + labels[i + 1] + "\"")) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return Arrays.toString(body.lines().filter(l -> l.startsWith("health_")).toArray());
  }
}
