package io.healthservice.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal parser of the Prometheus text format: series (name plus sorted labels) to value. */
public final class Exposition {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)(\\s+\\d+)?$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final Map<String, Double> samples = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> labels = new LinkedHashMap<>();

  public Exposition(String text) {
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line.trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("not an exposition line: " + line);
      }
      Map<String, String> parsed = new java.util.TreeMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          parsed.put(l.group(1), l.group(2));
        }
      }
      String key = m.group(1) + parsed;
      samples.put(key, Double.parseDouble(m.group(4).replace("+Inf", "Infinity")));
      labels.put(key, parsed);
    }
  }

  /** The value of {@code name} with exactly these labels, e.g. value("health_check_status", "check", "redis"). */
  public Double value(String name, String... labelPairs) {
    Map<String, String> wanted = new java.util.TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      wanted.put(labelPairs[i], labelPairs[i + 1]);
    }
    for (Map.Entry<String, Map<String, String>> e : labels.entrySet()) {
      if (e.getKey().startsWith(name + "{") && e.getValue().entrySet().containsAll(wanted.entrySet())) {
        return samples.get(e.getKey());
      }
    }
    return null;
  }

  /** {@link #value}, or {@code otherwise} when there is no such series (yet). */
  public double valueOr(double otherwise, String name, String... labelPairs) {
    Double value = value(name, labelPairs);
    return value == null ? otherwise : value;
  }

  public boolean has(String name) {
    return samples.keySet().stream().anyMatch(k -> k.startsWith(name + "{"));
  }

  /** Every label value of every series. */
  public java.util.List<String> labelValues() {
    return labels.values().stream().flatMap(m -> m.values().stream()).toList();
  }

  /** The label names of every series of {@code name} (histograms: name the _bucket/_sum/_count series). */
  public java.util.Set<String> labelNames(String name) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    labels.forEach((key, series) -> {
      if (key.startsWith(name + "{")) {
        names.addAll(series.keySet());
      }
    });
    return names;
  }

  /** The values {@code label} takes on the series of {@code name}. */
  public java.util.Set<String> labelValues(String name, String label) {
    java.util.Set<String> values = new java.util.TreeSet<>();
    labels.forEach((key, series) -> {
      if (key.startsWith(name + "{") && series.containsKey(label)) {
        values.add(series.get(label));
      }
    });
    return values;
  }

  /** The metric names of every series, e.g. health_check_duration_seconds_bucket. */
  public java.util.Set<String> names() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    labels.keySet().forEach(key -> names.add(key.substring(0, key.indexOf('{'))));
    return names;
  }
}
