package io.healthservice.grpc;

import io.healthservice.monitor.CheckState;
import io.healthservice.monitor.DependencyGroup;
import io.healthservice.monitor.HealthReport;
import io.healthservice.monitor.HealthSnapshot;
import io.healthservice.monitor.HealthStatus;
import io.healthservice.monitor.ProcessState;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What each gRPC service name means, judged from the monitor's snapshot and the process state at one
 * instant: no I/O, so a probe never waits for a dependency.
 */
final class ServingStatuses {

  static final String OVERALL = "";
  static final String LIVENESS = "liveness";
  static final String READINESS = "readiness";
  static final String STARTUP = "startup";

  private final ProcessState process;

  ServingStatuses(ProcessState process) {
    this.process = process;
  }

  /** The status of {@code service}, or {@link ServingStatus#SERVICE_UNKNOWN} for a name we do not know. */
  ServingStatus of(String service, HealthSnapshot snapshot, long nowNanos) {
    switch (service) {
      case OVERALL:
      case READINESS:
        // Not Vert.x's "always SERVING" for the empty name: a Kubernetes probe without service: must fail too.
        return serving(ready(snapshot, nowNanos));
      case LIVENESS:
        return serving(process.eventLoops().healthy(nowNanos));
      case STARTUP:
        return serving(snapshot.started());
      default:
        return dependency(service, snapshot, nowNanos);
    }
  }

  /** Every name {@link #of} knows, in a stable order: the probes, then groups, then their checks. */
  static Set<String> names(HealthSnapshot snapshot) {
    Set<String> names = new LinkedHashSet<>();
    names.add(OVERALL);
    names.add(LIVENESS);
    names.add(READINESS);
    names.add(STARTUP);
    for (DependencyGroup group : snapshot.groups()) {
      names.add(group.name());
      names.addAll(group.checks());
    }
    return names;
  }

  /** As the HTTP readiness probe: not draining, every check run once, no critical dependency down. */
  private boolean ready(HealthSnapshot snapshot, long nowNanos) {
    return !process.draining() && snapshot.started()
      && HealthReport.evaluate(snapshot, nowNanos).status() != HealthStatus.ERROR;
  }

  /** A group ({@code llm_services}) serves when all its checks are up; a check by its own fresh result. */
  private static ServingStatus dependency(String name, HealthSnapshot snapshot, long nowNanos) {
    for (DependencyGroup group : snapshot.groups()) {
      if (group.name().equals(name)) {
        return serving(HealthReport.entry(snapshot, group, nowNanos, Set.of()).status() == HealthStatus.OK);
      }
    }
    CheckState state = snapshot.checks().get(name);
    return state == null ? ServingStatus.SERVICE_UNKNOWN : serving(state.isUp(nowNanos));
  }

  private static ServingStatus serving(boolean up) {
    return up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }
}
