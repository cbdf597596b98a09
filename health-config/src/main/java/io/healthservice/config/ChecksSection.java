package io.healthservice.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code checks:}: every key is a dependency named after it, of the kind its {@code type:} says. The
 * three seed names keep their kinds and defaults ({@code database} → postgres, {@code redis} → redis,
 * {@code llm_services} → llm), so a config written before named checks means what it meant; any entry,
 * a seed's included, is left out with {@code enabled: false}.
 */
final class ChecksSection {

  static final Map<String, String> SEED_TYPES = Map.of("database", "postgres", "redis", "redis", "llm_services", "llm");
  /** Kinds that need a client library of their own; listed in errors in this order. */
  static final List<String> TYPES = List.of("postgres", "redis", "llm", "http", "tcp", "grpc", "mysql", "rabbitmq", "mqtt");
  /** Paths the probes already use under {@code /health/}. */
  private static final Set<String> RESERVED = Set.of("live", "ready", "started", "checks", "history");
  private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,63}");

  private ChecksSection() {
  }

  static List<CheckOptions> read(TypedReader checks, EnvOverlay env, SecretResolver secrets) {
    Set<String> names = new LinkedHashSet<>(List.of("database", "redis", "llm_services"));
    names.addAll(checks.fieldNames());
    Map<String, String> variableOwners = new HashMap<>();
    List<CheckOptions> result = new ArrayList<>();
    for (String name : names) {
      if (!NAME.matcher(name).matches()) {
        throw checks.error(name, "is not a valid check name: 1-63 lower-case letters, digits, '-' or '_'");
      }
      if (RESERVED.contains(name)) {
        throw checks.error(name, "is reserved (/health/" + name + " is a probe)");
      }
      String previous = variableOwners.put(EnvOverlay.checkVariable(name, ""), name);
      if (previous != null) {
        throw checks.error(name, "clashes with check " + previous + " (both read " + EnvOverlay.checkVariable(name, "URL") + ")");
      }
      TypedReader node = checks.section(name);
      if (!node.bool("enabled", true)) {
        continue; // no entry, no connection, no metric series
      }
      String type = node.string("type", SEED_TYPES.get(name));
      if (type == null) {
        // Most often a misspelt default name ("databse"): say both ways out.
        throw checks.error(name, "has no type: set type: (one of " + String.join(", ", TYPES)
          + "), or use a default name (database, redis, llm_services)");
      }
      boolean seed = type.equals(SEED_TYPES.get(name));
      CheckEntry entry = new CheckEntry(name, node, env, secrets, seed ? legacyPrefix(name) : null);
      CheckOptions options = switch (type) {
        case "postgres" -> DatabaseSection.read(entry, seed);
        case "redis" -> RedisSection.read(entry, seed);
        case "llm" -> LlmSection.read(entry, seed);
        case "mysql" -> KindSections.mysql(entry);
        case "rabbitmq" -> KindSections.rabbitmq(entry);
        case "mqtt" -> KindSections.mqtt(entry);
        case "http" -> NetworkSections.http(entry);
        case "tcp" -> NetworkSections.tcp(entry);
        case "grpc" -> NetworkSections.grpc(entry);
        default -> throw node.error("type", "unknown kind \"" + TypedReader.printable(type) + "\" (one of "
          + String.join(", ", TYPES) + ")");
      };
      result.add(options); // an LLM group without endpoints is kept for its settings; it gets no entry
    }
    uniqueEndpointNames(checks, result);
    return List.copyOf(result);
  }

  /** {@code DATABASE}, {@code REDIS}: the variables the seed entries always had; the LLM group has its own. */
  private static String legacyPrefix(String name) {
    return switch (name) {
      case "database" -> "DATABASE";
      case "redis" -> "REDIS";
      default -> null;
    };
  }

  /** An LLM endpoint is a check of its own (/health/openai, metrics): its name may not be another check's. */
  private static void uniqueEndpointNames(TypedReader checks, List<CheckOptions> options) {
    Set<String> taken = new java.util.HashSet<>();
    options.forEach(o -> taken.add(o.name()));
    for (CheckOptions o : options) {
      if (o instanceof LlmOptions llm) {
        for (var endpoint : llm.endpoints()) {
          if (!taken.add(endpoint.name())) {
            throw new ConfigException(checks.key(o.name()) + ".endpoints",
              "endpoint name '" + endpoint.name() + "' is already the name of a check");
          }
        }
      }
    }
  }
}
