package io.healthservice.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.error.Mark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A mapping or list {@link YamlTree} is building, with the key awaiting its value and the keys seen (for duplicates). */
final class YamlFrame {
  private final String file;
  final Object collection;
  final String path;
  final String anchor;
  final Mark start;
  private List<JsonObject> merges;
  private Map<String, Integer> keyLines;
  private Object key;
  private int keyLine;

  YamlFrame(String file, Object collection, String path, String anchor, Mark start) {
    this.file = file;
    this.collection = collection;
    this.path = path;
    this.anchor = anchor;
    this.start = start;
  }

  /** At the mapping's end: keys given in it win, then those of earlier merged mappings. */
  void applyMerges() {
    if (merges != null && collection instanceof JsonObject map) {
      for (JsonObject merged : merges) {
        merged.forEach(entry -> map.getMap().putIfAbsent(entry.getKey(), entry.getValue()));
      }
    }
  }

  boolean expectsKey() {
    return collection instanceof JsonObject && key == null;
  }

  String childPath() {
    if (collection instanceof JsonArray list) {
      return path + "[" + list.size() + "]";
    }
    String name = key == YamlTree.MERGE || key == null ? "" : (String) key;
    return path.isEmpty() ? name : name.isEmpty() ? path : path + "." + name;
  }

  void add(Object value, Mark at) {
    if (collection instanceof JsonArray list) {
      list.add(value);
    } else if (key == null) {
      takeKey(value, at);
    } else {
      putValue(value, at);
    }
  }

  private void takeKey(Object value, Mark at) {
    if (value instanceof JsonObject || value instanceof JsonArray) {
      throw new ConfigException(path, "has a mapping or a list as a key (line " + (at.getLine() + 1) + "): keys are text");
    }
    key = value == YamlTree.MERGE ? YamlTree.MERGE : String.valueOf(value);
    keyLine = at.getLine() + 1;
  }

  private void putValue(Object value, Mark at) {
    JsonObject map = (JsonObject) collection;
    Object taken = key;
    key = null;
    if (taken == YamlTree.MERGE) {
      merge(value, at);
      return;
    }
    String name = (String) taken;
    if (keyLines == null) {
      keyLines = new HashMap<>();
    }
    Integer first = keyLines.putIfAbsent(name, keyLine);
    if (first != null) {
      String keyPath = path.isEmpty() ? name : path + "." + name;
      throw new ConfigException(keyPath, "is given twice in " + file + " (lines " + first + " and " + keyLine + "): remove one");
    }
    map.put(name, value);
  }

  private void merge(Object value, Mark at) {
    if (merges == null) {
      merges = new ArrayList<>(1);
    }
    if (value instanceof JsonObject map) {
      merges.add(map);
      return;
    }
    if (value instanceof JsonArray list && list.stream().allMatch(JsonObject.class::isInstance)) {
      list.forEach(item -> merges.add((JsonObject) item));
      return;
    }
    throw new ConfigException(path, "has a merge key (<<) whose value is not a mapping or a list of mappings (line "
      + (at.getLine() + 1) + ")");
  }
}
