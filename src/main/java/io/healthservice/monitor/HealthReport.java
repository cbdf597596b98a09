package io.healthservice.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A snapshot judged at one instant: each dependency entry's status and the aggregate. Staleness is
 * decided here, at read time, so a check that stopped answering cannot leave an "ok" behind.
 */
public record HealthReport(HealthStatus status, List<Entry> dependencies) {

  /** One {@code dependencies} entry and the checks behind it. */
  public record Entry(DependencyGroup group, HealthStatus status, List<CheckState> checks) {
  }

  public HealthReport {
    dependencies = List.copyOf(dependencies);
  }

  /**
   * Judges {@code snapshot} at {@code nowNanos}. Checks and groups named in {@code excluded} are left out,
   * like the Kubernetes API server's {@code ?exclude=}.
   */
  public static HealthReport evaluate(HealthSnapshot snapshot, long nowNanos, Set<String> excluded) {
    List<Entry> entries = new ArrayList<>(snapshot.groups().size());
    HealthStatus overall = HealthStatus.OK;
    for (DependencyGroup group : snapshot.groups()) {
      if (excluded.contains(group.name())) {
        continue;
      }
      List<CheckState> states = new ArrayList<>(group.checks().size());
      boolean up = true;
      for (String name : group.checks()) {
        if (excluded.contains(name)) {
          continue;
        }
        CheckState state = snapshot.checks().get(name);
        states.add(state);
        up &= state.isUp(nowNanos);
      }
      if (states.isEmpty()) {
        continue;
      }
      HealthStatus status = up ? HealthStatus.OK : HealthStatus.whenDown(group.critical());
      if (status.ordinal() > overall.ordinal()) {
        overall = status;
      }
      entries.add(new Entry(group, status, states));
    }
    return new HealthReport(overall, entries);
  }

  public static HealthReport evaluate(HealthSnapshot snapshot, long nowNanos) {
    return evaluate(snapshot, nowNanos, Set.of());
  }
}
