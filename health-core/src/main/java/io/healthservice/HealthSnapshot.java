package io.healthservice;

import java.util.List;
import java.util.Map;

/**
 * The latest state of every check. Immutable and replaced whole on each result, so a view reads one
 * consistent picture without locks.
 *
 * @param started true once every check has completed at least one run; it stays true when a reload adds a
 *                check, which is pending until its first run and counts neither up nor down until then
 */
public record HealthSnapshot(List<DependencyGroup> groups, Map<String, CheckState> checks, boolean started) {

  public HealthSnapshot {
    groups = List.copyOf(groups);
    // The monitor's own table is immutable already: copying it at every publication was most of a run's cost at scale.
    checks = checks instanceof io.healthservice.impl.monitor.StateTable ? checks : Map.copyOf(checks);
  }

  /** A snapshot that has started when none of {@code checks} is pending. */
  public HealthSnapshot(List<DependencyGroup> groups, Map<String, CheckState> checks) {
    this(groups, checks, nonePending(checks));
  }

  private static boolean nonePending(Map<String, CheckState> checks) {
    return checks.values().stream().noneMatch(s -> s.reported() == CheckState.Reported.PENDING);
  }

  /** The checks of a new configuration (a reload): having started stays true. */
  public HealthSnapshot reconfigured(List<DependencyGroup> nextGroups, Map<String, CheckState> nextChecks) {
    return new HealthSnapshot(nextGroups, nextChecks, started || nonePending(nextChecks));
  }

  /**
   * The one name lookup: the dependency entry called {@code name}, or a member of a several-check group
   * ({@code openai} of {@code llm_services}) as a one-check entry of its own; empty for an unknown name.
   */
  public java.util.Optional<DependencyGroup> entryFor(String name) {
    for (DependencyGroup group : groups) {
      if (group.name().equals(name)) {
        return java.util.Optional.of(group);
      }
      if (!group.isSingleCheck() && group.checks().contains(name)) {
        return java.util.Optional.of(new DependencyGroup(name, group.critical(), List.of(name)));
      }
    }
    return java.util.Optional.empty();
  }

  /** A copy with {@code state} replacing the check of the same name (the snapshot itself never changes). */
  public HealthSnapshot with(CheckState state) {
    java.util.HashMap<String, CheckState> next = new java.util.HashMap<>(checks);
    next.put(state.name(), state);
    return new HealthSnapshot(groups, next, started || nonePending(next));
  }
}
