package io.healthservice.notify.impl;

import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Whether a check is critical, from the group it belongs to; a check the snapshot does not know counts as critical. */
final class Criticality {

  private Criticality() {
  }

  static Predicate<String> of(HealthSnapshot checks) {
    Map<String, Boolean> critical = new HashMap<>();
    for (DependencyGroup group : checks.groups()) {
      group.checks().forEach(check -> critical.put(check, group.critical()));
    }
    return check -> critical.getOrDefault(check, true);
  }
}
