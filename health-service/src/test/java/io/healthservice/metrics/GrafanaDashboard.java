package io.healthservice.metrics;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** deploy/grafana/health-service.json read the way the dashboard tests need it: its panels' queries and variables. */
final class GrafanaDashboard {

  static final Path FILE = Path.of("deploy/grafana/health-service.json");
  private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");

  /** One query of one panel. */
  record Query(String panel, String panelType, String expr, String legend) {

    /** The labels the legend shows, e.g. {{check}} @ {{instance}}. */
    Set<String> legendLabels() {
      Set<String> labels = new LinkedHashSet<>();
      Matcher m = LEGEND_LABEL.matcher(legend);
      while (m.find()) {
        labels.add(m.group(1));
      }
      return labels;
    }
  }

  /** A query variable: {@code label_values(selector, label)}. */
  record Variable(String name, String selector, String label) {
  }

  final JsonObject json;

  GrafanaDashboard(JsonObject json) {
    this.json = json;
  }

  static GrafanaDashboard load() throws IOException {
    return new GrafanaDashboard(new JsonObject(Files.readString(FILE)));
  }

  /** Every panel, rows included. */
  List<JsonObject> panels() {
    List<JsonObject> panels = new ArrayList<>();
    json.getJsonArray("panels").forEach(p -> panels.add((JsonObject) p));
    return panels;
  }

  List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonObject panel : panels()) {
      for (Object target : panel.getJsonArray("targets", new JsonArray())) {
        JsonObject t = (JsonObject) target;
        queries.add(new Query(panel.getString("title"), panel.getString("type"), t.getString("expr"),
          t.getString("legendFormat", "")));
      }
    }
    return queries;
  }

  List<JsonObject> templating() {
    List<JsonObject> variables = new ArrayList<>();
    json.getJsonObject("templating").getJsonArray("list").forEach(v -> variables.add((JsonObject) v));
    return variables;
  }

  List<Variable> queryVariables() {
    List<Variable> variables = new ArrayList<>();
    for (JsonObject v : templating()) {
      if ("query".equals(v.getString("type"))) {
        // A plain string: every Grafana since 7 reads it, and 10+ migrates it to its own editor's object.
        // An object would need the editor's fields (qryType, metric, label), which differ between versions.
        String query = v.getString("query");
        Matcher m = LABEL_VALUES.matcher(query);
        if (!m.matches()) {
          throw new IllegalArgumentException("variable " + v.getString("name") + " is not label_values(...): " + query);
        }
        variables.add(new Variable(v.getString("name"), m.group(1).strip(), m.group(2)));
      }
    }
    return variables;
  }

  /** {@code expr} with Grafana's variables replaced, ready for Prometheus' HTTP API. */
  static String substitute(String expr, Map<String, String> values) {
    String result = expr;
    for (Map.Entry<String, String> e : values.entrySet()) {
      result = result.replace("$" + e.getKey(), e.getValue());
    }
    if (result.contains("$")) {
      throw new IllegalArgumentException("unreplaced variable in " + result);
    }
    return result;
  }
}
