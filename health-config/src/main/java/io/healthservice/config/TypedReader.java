package io.healthservice.config;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One mapping of the config, read with types: the environment first (see {@link EnvOverlay}), then the file.
 * It only reads the parsed tree, never edits it. Every error names the setting the operator wrote: the
 * environment variable when the value came from one, the dotted key otherwise.
 */
final class TypedReader {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)");

  private final JsonObject file;
  private final String path;
  private final EnvOverlay env;
  private final boolean overridable;

  private TypedReader(JsonObject file, String path, EnvOverlay env) {
    this.file = file;
    this.path = path;
    this.env = env;
    this.overridable = env.mayOverrideIn(path);
  }

  /** The variable set for {@code leaf}, if any may be. */
  private java.util.Optional<String> variable(String leaf) {
    return overridable ? env.variableFor(key(leaf)) : java.util.Optional.empty();
  }

  /** The top of the file; an absent file reads as an empty one. */
  static TypedReader root(JsonObject file, EnvOverlay env) {
    return new TypedReader(file == null ? new JsonObject() : file, "", env);
  }

  /** One entry of a list, e.g. {@code checks.llm_services.endpoints[0]}. */
  TypedReader element(JsonObject entry, String elementPath) {
    return new TypedReader(entry, elementPath, env);
  }

  String path() {
    return path;
  }

  /** The dotted key of {@code leaf} under this mapping. */
  String key(String leaf) {
    return path.isEmpty() ? leaf : path + "." + leaf;
  }

  /** The name an error about {@code leaf} carries: the overriding variable, if set, else the dotted key. */
  String setting(String leaf) {
    return variable(leaf).orElseGet(() -> key(leaf));
  }

  ConfigException error(String leaf, String problem) {
    return new ConfigException(setting(leaf), problem);
  }

  /** Whether the key is written at all (even with an empty value), in the file or by a variable. */
  boolean has(String leaf) {
    return file.containsKey(leaf) || variable(leaf).isPresent();
  }

  /** The raw value: the overriding variable's text, else the file's value; null when neither is set. */
  Object raw(String leaf) {
    return variable(leaf).<Object>map(env::get).orElseGet(() -> file.getValue(leaf));
  }

  /** A nested mapping; absent reads as empty. */
  TypedReader section(String leaf) {
    return section(leaf, null);
  }

  /**
   * A nested mapping that may also be written as plain text standing for {@code {shorthandKey: text}}
   * ({@code details: always}).
   */
  TypedReader section(String leaf, String shorthandKey) {
    Object value = file.getValue(leaf);
    if (value instanceof JsonObject json) {
      return new TypedReader(json, key(leaf), env);
    }
    if (value instanceof String text && shorthandKey != null) {
      return new TypedReader(new JsonObject().put(shorthandKey, text), key(leaf), env);
    }
    // A variable that overrides a key below a non-mapping made that key's mapping, as it always has.
    if (value == null || env.overridesBelow(key(leaf))) {
      return new TypedReader(new JsonObject(), key(leaf), env);
    }
    throw error(leaf, "must be a mapping");
  }

  /** The keys written in this mapping, in the file's order. */
  java.util.List<String> fieldNames() {
    return new java.util.ArrayList<>(file.fieldNames());
  }

  /** Unknown keys are errors, so a typo fails at start instead of silently using a default. */
  void allowOnly(Set<String> allowed) {
    for (String leaf : file.fieldNames()) {
      if (!allowed.contains(leaf)) {
        throw error(leaf, "unknown setting (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }

  String string(String leaf, String def) {
    Object value = raw(leaf);
    if (value == null) {
      return def;
    }
    if (value instanceof String s) {
      return s.trim();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    throw error(leaf, "must be a text value");
  }

  int integer(String leaf, int def) {
    Object value = raw(leaf);
    if (value == null) {
      return def;
    }
    if (value instanceof Integer i) {
      return i;
    }
    if (value instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        throw error(leaf, "must be a whole number, got \"" + printable(s) + "\"");
      }
    }
    throw error(leaf, "must be a whole number, got " + printable(String.valueOf(value)));
  }

  boolean bool(String leaf, boolean def) {
    Object value = raw(leaf);
    if (value == null) {
      return def;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    throw error(leaf, "must be true or false, got " + printable(String.valueOf(value)));
  }

  /** {@code 500ms}, {@code 2s} or {@code 1m}, at most an hour; a bare {@code 0} is zero. */
  Duration duration(String leaf, Duration def, boolean zeroAllowed) {
    Object value = raw(leaf);
    if (value == null) {
      return def;
    }
    String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
    if (text.equals("0")) {
      text = "0s";
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw error(leaf, "must be a duration such as 500ms, 2s or 1m, got \"" + printable(String.valueOf(value)) + "\"");
    }
    long amount = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      default -> Duration.ofMinutes(amount);
    };
    if (d.isZero() && !zeroAllowed) {
      throw error(leaf, "must be greater than zero");
    }
    if (d.compareTo(Duration.ofHours(1)) > 0) {
      throw error(leaf, "must be at most 1h");
    }
    return d;
  }

  /** A short, single-line rendering of a user value for an error message. */
  static String printable(String value) {
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
  }
}
