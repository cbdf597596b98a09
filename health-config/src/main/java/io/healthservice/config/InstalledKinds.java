package io.healthservice.config;

import io.healthservice.spi.CheckKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The kinds of check on the class path, found with {@link ServiceLoader}: the one place a {@code type:} is
 * looked up. This reader names no kind; a kind in its own jar is configured like a built-in one.
 */
final class InstalledKinds {

  private static volatile InstalledKinds installed;

  private final Map<String, CheckKind> byType;
  private final List<CheckKind.DefaultEntry> defaults;
  private final Map<String, CheckKind> byDefaultName = new LinkedHashMap<>();

  InstalledKinds(Iterable<CheckKind> kinds) {
    Map<String, CheckKind> types = new LinkedHashMap<>();
    List<CheckKind.DefaultEntry> entries = new ArrayList<>();
    for (CheckKind kind : kinds) {
      CheckKind other = types.putIfAbsent(kind.type(), kind);
      if (other != null) {
        throw new IllegalStateException("two kinds of check claim type " + kind.type() + ": "
          + other.getClass().getName() + " and " + kind.getClass().getName());
      }
      kind.defaultEntry().ifPresent(entry -> {
        entries.add(entry);
        byDefaultName.put(entry.name(), kind);
      });
    }
    entries.sort(Comparator.comparingInt(CheckKind.DefaultEntry::position));
    this.byType = Map.copyOf(types);
    this.defaults = List.copyOf(entries);
  }

  /** The kinds this class loader sees; looked up once. */
  static InstalledKinds installed() {
    InstalledKinds kinds = installed;
    if (kinds == null) {
      kinds = new InstalledKinds(ServiceLoader.load(CheckKind.class, InstalledKinds.class.getClassLoader()));
      installed = kinds;
    }
    return kinds;
  }

  Optional<CheckKind> kind(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  /** The kind whose default entry is called {@code name}, if any. */
  Optional<CheckKind> defaultKindOf(String name) {
    return Optional.ofNullable(byDefaultName.get(name));
  }

  /** The entries present without being written, in their stable order. */
  List<CheckKind.DefaultEntry> defaultEntries() {
    return defaults;
  }

  /** The types, sorted, for error messages. */
  List<String> types() {
    return byType.keySet().stream().sorted().toList();
  }

  /** {@code checks.database.url} → {@code DATABASE_URL}: the default entries' historical variables. */
  Map<String, String> historicalVariables() {
    Map<String, String> variables = new LinkedHashMap<>();
    for (CheckKind.DefaultEntry entry : defaults) {
      if (entry.variablePrefix() != null) {
        entry.variableKeys().forEach(key -> variables.put("checks." + entry.name() + "." + key,
          entry.variablePrefix() + "_" + key.toUpperCase(java.util.Locale.ROOT)));
      }
    }
    return variables;
  }
}
