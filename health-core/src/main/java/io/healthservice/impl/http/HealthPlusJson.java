package io.healthservice.impl.http;

import io.healthservice.CertificateExpiry;
import io.healthservice.CheckState;
import io.healthservice.HealthStatus;
import io.healthservice.impl.monitor.HealthReport;

import java.util.Objects;

/**
 * The {@code application/health+json} body of draft-inadarei-api-health-check: {@code status} pass, warn or
 * fail; {@code checks} keyed {@code component:measurement}, each an array with one object per instance; an
 * {@code uptime} entry of type {@code system}. {@code output} (the reason) appears only on warn and fail and
 * only for callers granted details; a reason that keeps the instance out of rotation (draining, starting)
 * is a state, not a dependency's error text, and goes in {@code notes} for everyone.
 */
final class HealthPlusJson {

  static final String MEDIA_TYPE = "application/health+json";

  private final ServiceIdentity identity;
  /** componentType per check name ({@code datastore}, ...); {@code component} for the others. */
  private final java.util.function.Function<String, String> componentTypes;

  HealthPlusJson(ServiceIdentity identity, java.util.function.Function<String, String> componentTypes) {
    this.identity = Objects.requireNonNull(identity);
    this.componentTypes = componentTypes;
  }

  /** The draft's status word for a verdict: ok → pass, degraded → warn, error → fail. */
  static String status(HealthStatus status) {
    return switch (status) {
      case OK -> "pass";
      case DEGRADED -> "warn";
      case ERROR -> "fail";
    };
  }

  /**
   * @param notReady  what keeps the instance out of rotation ({@code /health/ready}), or {@code null}: the
   *                  status is then {@code fail} whatever the dependencies say
   * @param details   whether this caller may see reasons ({@code output})
   */
  String render(HealthReport report, String notReady, boolean details, long nowNanos, long epochMillis) {
    String status = notReady != null ? "fail" : status(report.status());
    StringBuilder json = new StringBuilder(640).append("{\"status\":\"").append(status).append('"');
    json.append(",\"version\":");
    HealthJson.string(json, majorVersion(identity.version()));
    json.append(",\"releaseId\":");
    HealthJson.string(json, identity.version());
    json.append(",\"serviceId\":");
    HealthJson.string(json, identity.service());
    json.append(",\"description\":");
    HealthJson.string(json, "health of " + identity.service());
    if (notReady != null) {
      json.append(",\"notes\":[");
      HealthJson.string(json, notReady);
      json.append(']');
    }
    if (details && !"pass".equals(status)) {
      json.append(",\"output\":");
      HealthJson.string(json, output(report, notReady, nowNanos));
    }
    json.append(",\"checks\":{");
    for (HealthReport.Entry entry : report.dependencies()) {
      json.append('"');
      appendKeyPart(json, entry.group().name());
      json.append(":responseTime\":[");
      boolean first = true;
      for (CheckState state : entry.checks()) {
        if (!first) {
          json.append(',');
        }
        first = false;
        check(json, state, entry.group().critical(), details, nowNanos);
      }
      json.append("],");
      certificates(json, entry, details);
    }
    long uptimeMs = Math.max(0, (nowNanos - identity.startedNanos()) / 1_000_000);
    json.append("\"uptime\":[{\"componentType\":\"system\",\"observedValue\":").append(uptimeMs / 1000.0)
      .append(",\"observedUnit\":\"s\",\"status\":\"pass\",\"time\":\"").append(HealthJson.timestamp(epochMillis))
      .append("\"}]}}");
    return json.toString();
  }

  /** One instance: a check of its own ({@code database}), or one endpoint of a group ({@code llm_services}). */
  private void check(StringBuilder json, CheckState state, boolean critical, boolean details, long nowNanos) {
    boolean up = state.isUp(nowNanos);
    // Up with a warning of its own (a replica refusing writes, a lost Sentinel quorum): warn, never fail.
    String status = up ? (state.warnings().isEmpty() ? "pass" : "warn") : critical ? "fail" : "warn";
    json.append("{\"componentId\":");
    HealthJson.string(json, state.name());
    json.append(",\"componentType\":");
    HealthJson.string(json, componentTypes.apply(state.name()));
    if (state.checkedAt() != null) {
      // The latency of the run the status comes from, and when that run ended.
      json.append(",\"observedValue\":").append(state.latencyMs()).append(",\"observedUnit\":\"ms\"");
    }
    json.append(",\"status\":\"").append(status).append('"');
    if (state.checkedAt() != null) {
      json.append(",\"time\":\"").append(HealthJson.TIMESTAMP.format(state.checkedAt())).append('"');
    }
    String reason = state.effectiveReason(nowNanos);
    if (details && !up && reason != null) {
      json.append(",\"output\":");
      HealthJson.string(json, reason);
    } else if (details && up && !state.warnings().isEmpty()) {
      json.append(",\"output\":");
      HealthJson.string(json, HealthJson.texts(state.warnings()));
    }
    json.append('}');
  }

  /**
   * {@code <dependency>:certificateExpiry}, days left on each TLS peer's certificate: {@code warn} inside the
   * check's warning window, which never fails the check nor changes the top-level status (the dependency works).
   */
  private void certificates(StringBuilder json, HealthReport.Entry entry, boolean details) {
    boolean first = true;
    for (CheckState state : entry.checks()) {
      CertificateExpiry certificate = state.certificate();
      if (certificate == null) {
        continue;
      }
      if (first) {
        json.append('"');
        appendKeyPart(json, entry.group().name());
        json.append(":certificateExpiry\":[");
      } else {
        json.append(',');
      }
      first = false;
      json.append("{\"componentId\":");
      HealthJson.string(json, state.name());
      json.append(",\"componentType\":");
      HealthJson.string(json, componentTypes.apply(state.name()));
      json.append(",\"observedValue\":").append(certificate.daysLeft()).append(",\"observedUnit\":\"d\",\"status\":\"")
        .append(certificate.expiresSoon() ? "warn" : "pass").append('"');
      if (state.checkedAt() != null) {
        json.append(",\"time\":\"").append(HealthJson.TIMESTAMP.format(state.checkedAt())).append('"');
      }
      if (details && certificate.warning() != null) {
        json.append(",\"output\":");
        HealthJson.string(json, certificate.warning());
      }
      json.append('}');
    }
    if (!first) {
      json.append("],");
    }
  }

  /** The top-level output: why the instance is not ready, then each check that is down, with its reason. */
  private static String output(HealthReport report, String notReady, long nowNanos) {
    StringBuilder text = new StringBuilder(notReady == null ? "" : notReady);
    for (HealthReport.Entry entry : report.dependencies()) {
      for (CheckState state : entry.checks()) {
        String reason = state.effectiveReason(nowNanos);
        if (reason != null) {
          text.append(text.length() == 0 ? "" : "; ").append(state.name()).append(": ").append(reason);
        }
      }
    }
    return text.toString();
  }

  /** The draft's component names must not contain the key's separator. */
  private static void appendKeyPart(StringBuilder json, String name) {
    StringBuilder escaped = new StringBuilder(name.length() + 2);
    HealthJson.string(escaped, name.replace(':', '_'));
    json.append(escaped, 1, escaped.length() - 1);
  }

  /** The public (API) version: the major part of a semantic version; the full one is the releaseId. */
  static String majorVersion(String version) {
    int dot = version.indexOf('.');
    return dot > 0 ? version.substring(0, dot) : version;
  }
}
