package io.healthservice.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the configuration's JSON tree straight from the parser's events, as SnakeYAML's safe constructor would type
 * each scalar, with aliases and {@code <<} merge keys. No node tree is kept: with 10,000 checks SnakeYAML's tree (a
 * node and two marks per scalar) was tens of megabytes live through the parse, and the start spent more in collecting
 * it than in parsing (738 ms against 197 ms for the events alone, bench note in docs/performance.md).
 */
final class YamlTree {

  static final Object MERGE = new Object();

  private final String setting;
  private final String file;
  private final int maxCollectionAliases;
  private final Scalars scalars;
  private final Resolver resolver = new Resolver();
  private final Deque<YamlFrame> frames = new ArrayDeque<>();
  private final Map<String, Object> anchors = new HashMap<>();
  private int collectionAliases;
  private JsonObject root;
  private int documents;

  /** @param setting names the file in a message about its shape; {@code file} is its path */
  YamlTree(String setting, String file, LoaderOptions options) {
    this.setting = setting;
    this.file = file;
    this.maxCollectionAliases = options.getMaxAliasesForCollections();
    this.scalars = new Scalars(options);
  }

  /** The document's top mapping; null for a stream with no document (empty, or comments only). */
  JsonObject root() {
    return root;
  }

  void accept(Event event) {
    switch (event.getEventId()) {
      case DocumentStart -> {
        if (++documents > 1) {
          throw new YamlError("expected a single document in the stream", event.getStartMark());
        }
      }
      case MappingStart -> open(event, new JsonObject());
      case SequenceStart -> open(event, new JsonArray());
      case MappingEnd, SequenceEnd -> close(frames.pop());
      case Scalar -> complete(scalar((ScalarEvent) event), ((NodeEvent) event).getAnchor(), event.getStartMark());
      case Alias -> complete(alias((AliasEvent) event), null, event.getStartMark());
      default -> { } // stream start and end, document end, comments
    }
  }

  private void open(Event event, Object collection) {
    if (frames.isEmpty() && !(collection instanceof JsonObject)) {
      throw notAMapping(event.getStartMark());
    }
    YamlFrame parent = frames.peek();
    String path = parent == null ? "" : parent.childPath();
    frames.push(new YamlFrame(file, collection, path, ((CollectionStartEvent) event).getAnchor(), event.getStartMark()));
  }

  private void close(YamlFrame frame) {
    frame.applyMerges();
    complete(frame.collection, frame.anchor, frame.start);
  }

  private void complete(Object value, String anchor, Mark start) {
    if (anchor != null) {
      anchors.put(anchor, value);
    }
    YamlFrame parent = frames.peek();
    if (parent == null) {
      if (!(value instanceof JsonObject map)) {
        throw notAMapping(start);
      }
      root = map;
    } else {
      parent.add(value, start);
    }
  }

  private Object scalar(ScalarEvent event) {
    String tag = event.getTag();
    Tag resolved = tag == null || tag.equals("!")
      ? resolver.resolve(NodeId.scalar, event.getValue(), event.getImplicit().canOmitTagInPlainScalar())
      : new Tag(tag);
    if (frames.peek() != null && frames.peek().expectsKey() && Tag.MERGE.equals(resolved)) {
      return MERGE;
    }
    if (Tag.STR.equals(resolved)) {
      return event.getValue();
    }
    Object value = scalars.construct(new ScalarNode(resolved, event.getValue(), event.getStartMark(), event.getEndMark(),
      event.getScalarStyle()));
    if (value instanceof Date date) {
      return date.toInstant().toString(); // as vertx-config's YAML reader gave timestamps
    }
    return value instanceof byte[] ? null : value; // !!binary: no setting takes it
  }

  private Object alias(AliasEvent event) {
    if (!anchors.containsKey(event.getAnchor())) {
      throw new YamlError("found an alias to no anchor", event.getStartMark()); // its name is the file's text: not quoted
    }
    Object value = anchors.get(event.getAnchor());
    if (value instanceof JsonObject map) {
      countAlias(event);
      return map.copy();
    }
    if (value instanceof JsonArray list) {
      countAlias(event);
      return list.copy();
    }
    return value;
  }

  private void countAlias(AliasEvent event) {
    if (++collectionAliases > maxCollectionAliases) {
      throw new YamlError("more than " + maxCollectionAliases + " aliases of mappings or lists", event.getStartMark());
    }
  }

  private ConfigException notAMapping(Mark mark) {
    return new ConfigException(setting, file + " must be a mapping of settings at the top (line " + (mark.getLine() + 1) + ")");
  }

  /** SnakeYAML's safe constructor for one scalar: the YAML 1.1 types (bool, int, float, null, timestamp, binary). */
  private static final class Scalars extends SafeConstructor {

    Scalars(LoaderOptions options) {
      super(options);
    }

    Object construct(ScalarNode node) {
      return yamlConstructors.getOrDefault(node.getTag(), yamlConstructors.get(null)).construct(node);
    }
  }

  /** A structural error found while building, reported like the parser's own. */
  static final class YamlError extends RuntimeException {
    final transient Mark mark;

    YamlError(String problem, Mark mark) {
      super(problem, null, false, false);
      this.mark = mark;
    }
  }
}
