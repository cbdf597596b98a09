package io.healthservice.config;

import io.healthservice.HealthCheckerBuilder;
import io.healthservice.spi.CheckDefinition;
import io.healthservice.spi.CheckKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code checks:}: every key is a dependency named after it, of the kind its {@code type:} says, read by
 * that kind ({@link CheckKind}). The kinds' default entries ({@code database}, {@code redis},
 * {@code llm_services}) exist unless written with {@code enabled: false}, so a config written before named
 * checks means what it meant.
 */
final class ChecksSection {

  private ChecksSection() {
  }

  static List<CheckDefinition> read(TypedReader checks, EnvOverlay env, SecretResolver secrets, InstalledKinds kinds) {
    Set<String> names = new LinkedHashSet<>();
    kinds.defaultEntries().forEach(entry -> names.add(entry.name()));
    names.addAll(checks.fieldNames());
    Map<String, String> variableOwners = new HashMap<>();
    CheckVariables variables = new CheckVariables();
    List<CheckDefinition> result = new ArrayList<>();
    for (String name : names) {
      String problem = HealthCheckerBuilder.nameProblem(name);
      if (problem != null) {
        throw checks.error(name, problem);
      }
      String previous = variableOwners.put(EnvOverlay.checkVariable(name, ""), name);
      if (previous != null) {
        throw checks.error(name, "clashes with check " + previous + " (both read " + EnvOverlay.checkVariable(name, "URL") + ")");
      }
      TypedReader node = checks.section(name);
      variables.add(name, keysOf(name, node, kinds));
      if (!node.bool("enabled", true)) {
        continue; // no entry, no connection, no metric series
      }
      result.add(read(name, node, env, secrets, kinds, checks));
    }
    uniqueCheckNames(checks, result);
    variables.verify(env);
    return List.copyOf(result);
  }

  /** The keys an entry takes: the common ones and its kind's; null when its kind is not known (any key then). */
  private static Set<String> keysOf(String name, TypedReader node, InstalledKinds kinds) {
    String type = node.string("type", kinds.defaultKindOf(name).map(CheckKind::type).orElse(null));
    return type == null ? null : kinds.kind(type).map(ChecksSection::keysOf).orElse(null);
  }

  private static Set<String> keysOf(CheckKind kind) {
    Set<String> keys = new HashSet<>(CheckSettingsReader.withSettings(kind.keys().toArray(String[]::new)));
    keys.addAll(Set.of("type", "enabled"));
    return keys;
  }

  private static CheckDefinition read(String name, TypedReader node, EnvOverlay env, SecretResolver secrets,
                                      InstalledKinds kinds, TypedReader checks) {
    Optional<CheckKind> byDefault = kinds.defaultKindOf(name);
    String type = node.string("type", byDefault.map(CheckKind::type).orElse(null));
    if (type == null) {
      // Most often a misspelt default name ("databse"): say both ways out.
      throw checks.error(name, "has no type: set type: (one of " + String.join(", ", kinds.types())
        + "), or use a default name (" + String.join(", ", kinds.defaultEntries().stream()
        .map(CheckKind.DefaultEntry::name).toList()) + ")");
    }
    CheckKind kind = kinds.kind(type).orElseThrow(() -> node.error("type", "unknown kind \""
      + TypedReader.printable(type) + "\" (one of " + String.join(", ", kinds.types()) + ")"));
    Optional<CheckKind.DefaultEntry> asDefault = kind.defaultEntry().filter(entry -> entry.name().equals(name));
    node.allowOnly(keysOf(kind));
    EntryConfig entry = EntryConfig.entry(name, node, env, secrets,
      asDefault.map(CheckKind.DefaultEntry::variablePrefix).orElse(null), asDefault.isPresent());
    CheckDefinition definition = kind.read(entry);
    if (!definition.name().equals(name) || !definition.type().equals(type)) {
      throw new IllegalStateException("kind " + type + " read checks." + name + " as " + definition.type() + " "
        + definition.name());
    }
    return definition;
  }

  /** A group's members are checks of their own (/health/openai, metrics): no name may be taken twice. */
  private static void uniqueCheckNames(TypedReader checks, List<CheckDefinition> definitions) {
    Set<String> taken = new HashSet<>();
    definitions.forEach(d -> taken.add(d.name()));
    for (CheckDefinition definition : definitions) {
      if (!definition.isGroup()) {
        continue;
      }
      for (String member : definition.checkNames()) {
        if (HealthCheckerBuilder.nameProblem(member) != null || !taken.add(member)) {
          throw new ConfigException(checks.key(definition.name()),
            "member name '" + member + "' is reserved or already the name of a check");
        }
      }
    }
  }
}
