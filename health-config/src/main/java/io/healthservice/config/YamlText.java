package io.healthservice.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration file's text as a tree, strictly: a key given twice at any level is an error naming its dotted
 * key and both lines (SnakeYAML, like most parsers, would keep the last silently); a syntax error names the line
 * and column; an empty or comments-only file (a ConfigMap with everything commented out) is an empty configuration.
 * Messages never quote the file's content: it may hold a secret.
 */
final class YamlText {

  private YamlText() {
  }

  /**
   * @param setting how errors about the file itself name it ({@code conf/config.yaml}, {@code HEALTH_CONFIG})
   * @param file    the file's path, for messages
   */
  static JsonObject parse(String text, String setting, String file) {
    TreeConstructor constructor = new TreeConstructor(options());
    Yaml yaml = new Yaml(constructor);
    try {
      Node root = yaml.compose(new java.io.StringReader(text));
      if (root == null) {
        return new JsonObject();
      }
      if (!(root instanceof MappingNode)) {
        throw new ConfigException(setting, file + " must be a mapping of settings at the top (line " + line(root.getStartMark()) + ")");
      }
      refuseDuplicates(root, "", file);
      // From the composed tree, not a second parse of the text: half the start of 10,000 checks went to parsing.
      return (JsonObject) jsonify(constructor.construct(root));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new ConfigException(setting, "cannot parse " + file + " as YAML: " + e.getProblem()
        + (mark == null ? "" : " at line " + line(mark) + ", column " + (mark.getColumn() + 1)));
    } catch (YAMLException e) {
      throw new ConfigException(setting, "cannot parse " + file + " as YAML");
    }
  }

  /** SnakeYAML's safe constructor, applied to a tree already composed. */
  private static final class TreeConstructor extends SafeConstructor {

    TreeConstructor(LoaderOptions options) {
      super(options);
    }

    Object construct(Node root) {
      return constructDocument(root);
    }
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(64 * 1024 * 1024); // tens of thousands of checks, still bounded
    return options;
  }

  private static int line(Mark mark) {
    return mark.getLine() + 1;
  }

  /** Walks the composed tree: the first key written twice in one mapping, by its dotted key and both lines. */
  private static void refuseDuplicates(Node node, String path, String file) {
    if (node instanceof MappingNode mapping) {
      Map<String, Integer> seen = new HashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
        String keyPath = key == null ? path : path.isEmpty() ? key : path + "." + key;
        if (key != null) {
          Integer first = seen.putIfAbsent(key, line(tuple.getKeyNode().getStartMark()));
          if (first != null) {
            throw new ConfigException(keyPath, "is given twice in " + file + " (lines " + first + " and "
              + line(tuple.getKeyNode().getStartMark()) + "): remove one");
          }
        }
        refuseDuplicates(tuple.getValueNode(), keyPath, file);
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        refuseDuplicates(items.get(i), path + "[" + i + "]", file);
      }
    }
  }

  /** JSON's shapes: text keys, timestamps as ISO text (as vertx-config's YAML reader gave them). */
  private static Object jsonify(Object value) {
    if (value instanceof Map<?, ?> map) {
      JsonObject json = new JsonObject();
      map.forEach((k, v) -> json.put(String.valueOf(k), jsonify(v)));
      return json;
    }
    if (value instanceof List<?> list) {
      JsonArray json = new JsonArray();
      list.forEach(v -> json.add(jsonify(v)));
      return json;
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof byte[]) {
      return null; // !!binary: no setting takes it
    }
    return value;
  }
}
