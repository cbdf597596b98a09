package io.healthservice.impl.monitor;

import io.healthservice.CheckState;
import io.healthservice.DependencyCheck;
import io.healthservice.DependencyGroup;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** How checks sit in their groups, validated once for the first configuration and every reload alike, and the diff of a reload. */
final class CheckLayout {

  private CheckLayout() {
  }

  /**
   * What a reload does.
   *
   * @param entries the entries after it, in order; unchanged ones are the old objects
   * @param states  each check's state after it: kept, or pending for a new or changed check
   * @param fresh   the new entries, to register and run
   * @param retired the old entries that are replaced or removed
   * @param reused  the check objects still in use after it (an old one not among them is closed)
   */
  record Plan(Map<String, MonitorEntry> entries, Map<String, CheckState> states, List<MonitorEntry> fresh,
              List<MonitorEntry> retired, Set<DependencyCheck> reused) {
  }

  /** A check is unchanged when the new set holds the same object with equal settings in the same group. */
  static Plan plan(Map<String, MonitorEntry> current, Map<String, CheckState> known, List<DependencyGroup> groups,
                   List<MonitoredCheck> checks) {
    Map<String, MonitoredCheck> byName = byName(checks);
    Map<String, MonitorEntry> next = new LinkedHashMap<>();
    Map<String, CheckState> states = new LinkedHashMap<>();
    List<MonitorEntry> fresh = new ArrayList<>();
    procedures(groups, byName).forEach((name, procedure) -> {
      MonitoredCheck monitored = byName.get(name);
      MonitorEntry old = current.get(name);
      boolean same = old != null && old.monitored.check() == monitored.check()
        && old.monitored.settings().equals(monitored.settings()) && old.procedure.equals(procedure);
      MonitorEntry entry = same ? old : new MonitorEntry(monitored, procedure);
      next.put(name, entry);
      states.put(name, same ? known.get(name) : CheckState.pending(name, monitored.settings().maxAge().toNanos()));
      if (!same) {
        fresh.add(entry);
      }
    });
    List<MonitorEntry> retired = current.values().stream().filter(old -> next.get(old.monitored.check().name()) != old)
      .toList();
    Set<DependencyCheck> reused = Collections.newSetFromMap(new IdentityHashMap<>());
    checks.forEach(c -> reused.add(c.check()));
    return new Plan(next, states, fresh, retired, reused);
  }

  /** The names of the checks in critical groups. */
  static Set<String> critical(List<DependencyGroup> groups) {
    Set<String> critical = new java.util.HashSet<>();
    groups.stream().filter(DependencyGroup::critical).forEach(group -> critical.addAll(group.checks()));
    return critical;
  }

  static Map<String, MonitoredCheck> byName(List<MonitoredCheck> checks) {
    Map<String, MonitoredCheck> byName = new LinkedHashMap<>();
    for (MonitoredCheck check : checks) {
      if (byName.put(check.check().name(), check) != null) {
        throw new IllegalArgumentException("two checks are called " + check.check().name());
      }
    }
    return byName;
  }

  /**
   * Each check's name → its procedure name in a {@code HealthChecks} tree ({@code database},
   * {@code llm_services/openai}), in the groups' order; every check in exactly one group.
   */
  static Map<String, String> procedures(List<DependencyGroup> groups, Map<String, MonitoredCheck> byName) {
    Map<String, String> procedures = new LinkedHashMap<>();
    for (DependencyGroup group : groups) {
      for (String name : group.checks()) {
        if (!byName.containsKey(name)) {
          throw new IllegalArgumentException("group " + group.name() + " names unknown check " + name);
        }
        if (procedures.containsKey(name)) {
          throw new IllegalArgumentException("check " + name + " is in two groups");
        }
        // Nested names ("llm_services/openai") mirror the grouping in the HealthChecks tree.
        procedures.put(name, group.isSingleCheck() ? name : group.name() + "/" + name);
      }
    }
    if (procedures.size() != byName.size()) {
      throw new IllegalArgumentException("every check must belong to one group");
    }
    return procedures;
  }
}
