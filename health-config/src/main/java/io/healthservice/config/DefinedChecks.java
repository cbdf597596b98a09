package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.DependencyCheck;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.spi.CheckDefinition;
import io.vertx.core.Vertx;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The checks a configuration defines, handed to the checker's builder: one entry per {@code checks:} key, a
 * group (the LLM endpoints) as one entry over its members. Which kind a check is matters only to its definition.
 */
final class DefinedChecks {

  /** Checks logged one by one at start (or as a reload adds them); beyond, a count per kind. */
  static final int LISTED = 100;

  private static final Logger LOG = Logger.getLogger("health.service");

  private DefinedChecks() {
  }

  /**
   * Builds the checks (no I/O yet) into {@code builder} and logs one line per check, its target without secrets
   * and its timing, for the first {@value #LISTED}, then a count per kind. {@code userAgent} is what HTTP-speaking checks call themselves.
   */
  static HealthCheckerBuilder register(HealthCheckerBuilder builder, Vertx vertx, List<CheckDefinition> definitions,
                                       String userAgent) {
    return register(builder, vertx, definitions, userAgent, Map.of(), new HashMap<>());
  }

  /**
   * As above, taking the checks of a definition found unchanged in {@code previous} instead of building them
   * (a reload: they keep their state and connections), and recording every definition's checks in {@code built}.
   */
  static HealthCheckerBuilder register(HealthCheckerBuilder builder, Vertx vertx, List<CheckDefinition> definitions,
                                       String userAgent, Map<CheckDefinition, List<DependencyCheck>> previous,
                                       Map<CheckDefinition, List<DependencyCheck>> built) {
    int logged = 0;
    Map<String, Integer> unlisted = new java.util.TreeMap<>();
    for (CheckDefinition definition : definitions) {
      List<DependencyCheck> reused = previous.get(definition);
      List<DependencyCheck> checks = reused != null ? reused : definition.build(vertx, userAgent);
      built.put(definition, checks);
      for (DependencyCheck check : reused == null ? checks : List.<DependencyCheck>of()) {
        // A line per check is what an operator reads for a few; for thousands, the first ones and a count.
        if (logged++ < LISTED) {
          log(check, definition.settings());
        } else {
          unlisted.merge(definition.type(), 1, Integer::sum);
        }
      }
      if (definition.isGroup()) {
        if (!checks.isEmpty()) {
          builder.group(definition.name(), definition.settings(), checks);
        }
      } else {
        checks.forEach(check -> builder.check(check, definition.settings()));
      }
    }
    if (!unlisted.isEmpty()) {
      LOG.info("and " + (logged - LISTED) + " more checks not listed one by one: " + unlisted.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(" ")));
    }
    return builder;
  }

  private static void log(DependencyCheck check, CheckSettings s) {
    LOG.info("check=" + check.name() + " target=" + check.target() + " critical=" + s.critical()
      + " interval=" + s.interval().toMillis() + "ms timeout=" + s.timeout().toMillis() + "ms max_age="
      + s.maxAge().toMillis() + "ms");
  }
}
