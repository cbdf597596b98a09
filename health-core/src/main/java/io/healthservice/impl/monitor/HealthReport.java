package io.healthservice.impl.monitor;

import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.HealthStatus;

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
      // After the start, a check a reload added counts neither way until its first result.
      Entry entry = entry(snapshot, group, nowNanos, excluded, snapshot.started());
      if (entry == null) {
        continue;
      }
      if (entry.status().ordinal() > overall.ordinal()) {
        overall = entry.status();
      }
      entries.add(entry);
    }
    return new HealthReport(overall, entries);
  }

  /** One dependency entry judged at {@code nowNanos}, or {@code null} when all its checks are excluded. */
  public static Entry entry(HealthSnapshot snapshot, DependencyGroup group, long nowNanos, Set<String> excluded) {
    return entry(snapshot, group, nowNanos, excluded, false);
  }

  /** As above; with {@code skipPending}, checks without a first result are left out too. */
  static Entry entry(HealthSnapshot snapshot, DependencyGroup group, long nowNanos, Set<String> excluded,
                     boolean skipPending) {
    List<CheckState> states = new ArrayList<>(group.checks().size());
    boolean up = true;
    for (String name : group.checks()) {
      if (excluded.contains(name)) {
        continue;
      }
      CheckState state = snapshot.checks().get(name);
      if (skipPending && state.reported() == CheckState.Reported.PENDING) {
        continue;
      }
      states.add(state);
      up &= state.isUp(nowNanos);
    }
    if (states.isEmpty()) {
      return null;
    }
    return new Entry(group, up ? HealthStatus.OK : HealthStatus.whenDown(group.critical()), states);
  }

  public static HealthReport evaluate(HealthSnapshot snapshot, long nowNanos) {
    return evaluate(snapshot, nowNanos, Set.of());
  }
}
