package io.healthservice.grpc;

import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.HealthStatus;
import io.healthservice.Readiness;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What each gRPC service name means: the core's verdict ({@link Readiness}) rendered as a serving status,
 * judged at one instant with no I/O, so a probe never waits for a dependency.
 */
final class ServingStatuses {

  static final String OVERALL = "";
  static final String LIVENESS = "liveness";
  static final String READINESS = "readiness";
  static final String STARTUP = "startup";

  private final Readiness readiness;

  ServingStatuses(Readiness readiness) {
    this.readiness = readiness;
  }

  /** The status of {@code service}, or {@link ServingStatus#SERVICE_UNKNOWN} for a name we do not know. */
  ServingStatus of(String service, HealthSnapshot snapshot, long nowNanos) {
    switch (service) {
      case OVERALL:
      case READINESS:
        // Not Vert.x's "always SERVING" for the empty name: a Kubernetes probe without service: must fail too.
        return serving(readiness.ready(snapshot, nowNanos));
      case LIVENESS:
        return serving(readiness.live(nowNanos));
      case STARTUP:
        return serving(Readiness.started(snapshot));
      default:
        // A group ({@code llm_services}) serves when all its checks are up; a check by its own fresh result.
        HealthStatus status = Readiness.dependency(snapshot, service, nowNanos);
        return status == null ? ServingStatus.SERVICE_UNKNOWN : serving(status == HealthStatus.OK);
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

  private static ServingStatus serving(boolean up) {
    return up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }
}
