package io.healthservice.impl.http;

import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.impl.monitor.HealthReport;

import java.util.List;
import java.util.Objects;

/**
 * The bodies of {@code /health}, {@code /health/ready} and {@code /health/{check}}: the short form, with
 * why the instance is not ready, and per-check details for callers granted them.
 */
final class ReportRenderer {

  private final ServiceIdentity identity;

  ReportRenderer(ServiceIdentity identity) {
    this.identity = Objects.requireNonNull(identity);
  }

  /** The short form of a (filtered) report, with the reason and, when granted, the details. */
  String summary(HealthReport report, String notReady, boolean details, long nowNanos, long epochMillis) {
    String summary = HealthJson.summary(report, identity, nowNanos, epochMillis);
    if (notReady == null && !details) {
      return summary;
    }
    StringBuilder json = new StringBuilder(summary.length() + 512).append(summary, 0, summary.length() - 1);
    if (notReady != null) {
      json.append(",\"reason\":\"").append(notReady).append('"');
    }
    if (details) {
      json.append(",\"details\":");
      details(json, report.dependencies(), nowNanos);
    }
    return json.append('}').toString();
  }

  /** One entry: {@code {"status":...,"check":name}}, and its details when granted. */
  String entry(String name, HealthReport.Entry entry, boolean details, long nowNanos) {
    StringBuilder json = new StringBuilder(128).append("{\"status\":\"").append(entry.status().text())
      .append("\",\"check\":");
    HealthJson.string(json, name);
    if (details) {
      json.append(",\"details\":");
      details(json, List.of(entry), nowNanos);
    }
    return json.append('}').toString();
  }

  /** A single check as its own object; a group (llm_services) as its status and one object per endpoint. */
  private static void details(StringBuilder json, List<HealthReport.Entry> entries, long nowNanos) {
    json.append('{');
    boolean first = true;
    for (HealthReport.Entry entry : entries) {
      if (!first) {
        json.append(',');
      }
      first = false;
      HealthJson.string(json, entry.group().name());
      json.append(':');
      DependencyGroup group = entry.group();
      if (group.isSingleCheck()) {
        HealthJson.check(json, entry.checks().get(0), group.critical(), nowNanos);
      } else {
        json.append("{\"status\":\"").append(entry.status().text()).append("\",\"endpoints\":{");
        boolean firstCheck = true;
        for (CheckState state : entry.checks()) {
          if (!firstCheck) {
            json.append(',');
          }
          firstCheck = false;
          HealthJson.string(json, state.name());
          json.append(':');
          HealthJson.check(json, state, group.critical(), nowNanos);
        }
        json.append("}}");
      }
    }
    json.append('}');
  }
}
