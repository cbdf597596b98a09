package io.healthservice.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The environment as the config sees it: which variable overrides which key. A lookup consulted before the
 * file, not a patch applied to it, so the parsed tree stays as the operator wrote it and every error can name
 * the variable that supplied a value.
 */
final class EnvOverlay {

  /** Key → the environment variable that overrides it. */
  private static final Map<String, String> VARIABLES = Map.of(
    "http.port", "HTTP_PORT",
    "http.host", "HTTP_HOST",
    "service.name", "SERVICE_NAME",
    "details.visibility", "HEALTH_DETAILS",
    "shutdown.drain", "SHUTDOWN_DRAIN",
    "grpc.port", "GRPC_PORT",
    "grpc.max_watch_streams", "GRPC_MAX_WATCH_STREAMS");

  private final Map<String, String> env;
  /** The kinds' default entries' historical variables ({@code checks.database.url} → {@code DATABASE_URL}). */
  private final Map<String, String> historical;
  /** Whether any {@code HEALTH_CHECK_*} is set: without one, 10,000 checks' keys skip building their variables' names. */
  private final boolean checkVariables;
  /** The mappings a variable's key is directly in ({@code checks.database} for {@code checks.database.url}). */
  private final java.util.Set<String> parents;

  /** With the historical variables of the installed kinds' default entries. */
  EnvOverlay(Map<String, String> env) {
    this(env, InstalledKinds.installed().historicalVariables());
  }

  EnvOverlay(Map<String, String> env, Map<String, String> historical) {
    this.historical = Map.copyOf(historical);
    // An empty variable counts as unset: Compose's ${LLM_API_URL:-} and Kubernetes' optional keys produce them.
    Map<String, String> set = new HashMap<>();
    env.forEach((name, value) -> {
      if (value != null && !value.isBlank()) {
        set.put(name, value);
      }
    });
    this.env = Map.copyOf(set);
    this.checkVariables = this.env.keySet().stream().anyMatch(name -> name.startsWith("HEALTH_CHECK_"));
    this.parents = java.util.stream.Stream.concat(VARIABLES.keySet().stream(), this.historical.keySet().stream())
      .filter(key -> key.contains(".")).map(key -> key.substring(0, key.lastIndexOf('.')))
      .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /**
   * Whether a variable may override a key directly in the mapping at {@code path}: when not, its readers skip
   * building each key's dotted name to look it up (10,000 checks read about ten keys each).
   */
  boolean mayOverrideIn(String path) {
    return parents.contains(path) || checkVariables && path.startsWith("checks.");
  }

  /** The variable's value; null when it is unset or empty. */
  String get(String variable) {
    return env.get(variable);
  }

  /** The names of the variables that are set, e.g. to find {@code HEALTH_CHECK_*} typos. */
  java.util.Set<String> names() {
    return env.keySet();
  }

  boolean isSet(String variable) {
    return env.containsKey(variable);
  }

  /**
   * {@code HEALTH_CHECK_<NAME>_<SUFFIX>}: the variable of any check's setting, its name upper-cased with
   * {@code -} as {@code _} ({@code orders-db}'s URL: {@code HEALTH_CHECK_ORDERS_DB_URL}).
   */
  static String checkVariable(String check, String suffix) {
    return "HEALTH_CHECK_" + check.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
      + (suffix.isEmpty() ? "" : "_" + suffix);
  }

  /**
   * The variable that overrides {@code key}, when that variable is set: a historical one ({@code DATABASE_URL})
   * first, then for {@code checks.<name>.<key>} the generic {@link #checkVariable}.
   */
  Optional<String> variableFor(String key) {
    String variable = VARIABLES.getOrDefault(key, historical.get(key));
    if (variable != null && env.containsKey(variable)) {
      return Optional.of(variable);
    }
    if (!checkVariables) {
      return Optional.empty();
    }
    String[] parts = key.split("\\.");
    if (parts.length == 3 && parts[0].equals("checks")) {
      String generic = checkVariable(parts[1], parts[2].toUpperCase(java.util.Locale.ROOT));
      return env.containsKey(generic) ? Optional.of(generic) : Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether a set variable overrides a key somewhere below {@code path}. */
  boolean overridesBelow(String path) {
    return java.util.stream.Stream.of(VARIABLES, historical).flatMap(m -> m.entrySet().stream())
      .anyMatch(e -> e.getKey().startsWith(path + ".") && env.containsKey(e.getValue()));
  }
}
