package io.healthservice.config;

import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;

import java.io.StringReader;

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
    LoaderOptions options = options();
    YamlTree tree = new YamlTree(setting, file, options);
    try {
      // Events only, no node tree: see YamlTree.
      for (Event event : new Yaml(options).parse(new StringReader(text))) {
        tree.accept(event);
      }
      return tree.root() == null ? new JsonObject() : tree.root();
    } catch (YamlTree.YamlError e) {
      throw new ConfigException(setting, "cannot parse " + file + " as YAML: " + e.getMessage() + at(e.mark));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new ConfigException(setting, "cannot parse " + file + " as YAML: " + e.getProblem() + at(mark));
    } catch (YAMLException e) {
      throw new ConfigException(setting, "cannot parse " + file + " as YAML");
    }
  }

  private static String at(Mark mark) {
    return mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
  }

  private static LoaderOptions options() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setCodePointLimit(64 * 1024 * 1024); // tens of thousands of checks, still bounded
    return options;
  }
}
