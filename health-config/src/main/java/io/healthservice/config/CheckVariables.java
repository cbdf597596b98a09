package io.healthservice.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code HEALTH_CHECK_<NAME>_<KEY>} variables that would be ignored are mistakes: one whose name matches no check
 * ({@code HEALTH_CHECK_ORDERSDB_URL} for {@code orders-db}) or whose key the check's kind lacks
 * ({@code HEALTH_CHECK_REDIS_INTERVALL}). Either stops the start naming the variable, as a key in the file would.
 */
final class CheckVariables {

  static final String PREFIX = "HEALTH_CHECK_";

  /** Each check's variable prefix ({@code HEALTH_CHECK_ORDERS_DB}) → the keys its kind takes. */
  private final Map<String, Set<String>> keysByPrefix = new LinkedHashMap<>();
  private final Map<String, String> nameByPrefix = new LinkedHashMap<>();

  /** A check written in the file or present by default, with the keys it takes (null: any, its kind unknown). */
  void add(String name, Set<String> keys) {
    String prefix = EnvOverlay.checkVariable(name, "");
    keysByPrefix.put(prefix, keys);
    nameByPrefix.put(prefix, name);
  }

  /** Throws for the first variable that no check reads. */
  void verify(EnvOverlay env) {
    for (String variable : new TreeSet<>(env.names())) {
      if (variable.startsWith(PREFIX) && !read(variable)) {
        throw new ConfigException(variable, problem(variable));
      }
    }
  }

  /** Whether some check reads it: names may contain '_', so every check whose prefix fits is tried. */
  private boolean read(String variable) {
    for (Map.Entry<String, Set<String>> check : keysByPrefix.entrySet()) {
      if (variable.startsWith(check.getKey() + "_")) {
        String key = variable.substring(check.getKey().length() + 1).toLowerCase(Locale.ROOT);
        if (check.getValue() == null || check.getValue().contains(key) || secretForms(check.getValue()).contains(key)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A password may also come as {@code ..._PASSWORD} or {@code ..._PASSWORD_FILE} where the kind takes one. */
  private static Set<String> secretForms(Set<String> keys) {
    return keys.contains("password_file") ? Set.of("password") : Set.of();
  }

  private String problem(String variable) {
    List<String> owners = new ArrayList<>();
    keysByPrefix.forEach((prefix, keys) -> {
      if (variable.startsWith(prefix + "_")) {
        owners.add(nameByPrefix.get(prefix));
      }
    });
    if (owners.isEmpty()) {
      return "matches no check: " + PREFIX + "<NAME>_<KEY> names a check of checks: with '-' as '_' in upper case (checks: "
        + String.join(", ", nameByPrefix.values()) + ")";
    }
    String owner = owners.get(owners.size() - 1);
    Set<String> keys = keysByPrefix.get(EnvOverlay.checkVariable(owner, ""));
    return "check " + owner + " has no such key (its keys: " + String.join(", ", new TreeSet<>(keys)) + ")";
  }
}
