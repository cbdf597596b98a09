package io.healthservice.impl.http;

import io.healthservice.CertificateExpiry;
import io.healthservice.CheckState;
import io.healthservice.FailureKind;
import io.healthservice.impl.monitor.HealthReport;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders reports as the JSON contract other tools parse. Written by hand with a StringBuilder: the
 * shape is fixed and small, and this keeps the probe's hot path free of a JSON library's reflection.
 */
final class HealthJson {

  /** ISO-8601 UTC, always with milliseconds and a {@code Z}: 2026-11-23T12:00:00.123Z. */
  static final DateTimeFormatter TIMESTAMP =
    DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private HealthJson() {
  }

  /** The short form: status, service, version, dependencies, uptime, timestamp. */
  static String summary(HealthReport report, ServiceIdentity identity, long nowNanos, long epochMillis) {
    StringBuilder json = new StringBuilder(256).append(summaryPrefix(report, identity));
    appendTimes(json, identity, nowNanos, epochMillis);
    return json.append('}').toString();
  }

  /**
   * Everything of the short form that depends only on the report: {@code {"status":...,"dependencies":{...}}}
   * without the closing brace. It changes only when a check's state does, so callers may reuse it.
   */
  static String summaryPrefix(HealthReport report, ServiceIdentity identity) {
    StringBuilder json = new StringBuilder(192);
    json.append("{\"status\":\"").append(report.status().text()).append('"');
    json.append(",\"service\":");
    string(json, identity.service());
    json.append(",\"version\":");
    string(json, identity.version());
    json.append(",\"dependencies\":{");
    boolean first = true;
    for (HealthReport.Entry entry : report.dependencies()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, entry.group().name());
      json.append(":\"").append(entry.status().text()).append('"');
    }
    return json.append('}').toString();
  }

  /** Appends {@code ,"uptime":1.234,"timestamp":"..."}: the only parts that change on every request. */
  static void appendTimes(StringBuilder json, ServiceIdentity identity, long nowNanos, long epochMillis) {
    long uptimeMs = Math.max(0, (nowNanos - identity.startedNanos()) / 1_000_000);
    json.append(",\"uptime\":").append(uptimeMs / 1000).append('.').append(pad3(uptimeMs % 1000));
    json.append(",\"timestamp\":\"").append(timestamp(epochMillis)).append('"');
  }

  private record CachedTimestamp(long epochMillis, String text) {
  }

  private static volatile CachedTimestamp lastTimestamp = new CachedTimestamp(Long.MIN_VALUE, "");

  /** Formats at most once per millisecond: a probe storm asks for the same instant many times. */
  static String timestamp(long epochMillis) {
    CachedTimestamp cached = lastTimestamp;
    if (cached.epochMillis() != epochMillis) {
      cached = new CachedTimestamp(epochMillis, TIMESTAMP.format(Instant.ofEpochMilli(epochMillis)));
      lastTimestamp = cached;
    }
    return cached.text();
  }

  /** The verbose form's view of one check. */
  static void check(StringBuilder json, CheckState state, boolean critical, long nowNanos) {
    json.append('{');
    json.append("\"status\":\"").append(state.isUp(nowNanos) ? "ok" : (critical ? "error" : "degraded")).append('"');
    String reason = state.effectiveReason(nowNanos);
    if (reason != null) {
      json.append(",\"reason\":");
      string(json, reason);
      FailureKind kind = state.effectiveKind(nowNanos);
      // No kind before the first run has completed: it has not failed, it has not answered yet.
      json.append(",\"failure_kind\":\"").append(kind == null ? "pending" : kind.label()).append('"');
    }
    json.append(",\"critical\":").append(critical);
    json.append(",\"latency_ms\":").append(state.latencyMs());
    json.append(",\"last_checked\":");
    if (state.checkedAt() == null) {
      json.append("null");
    } else {
      json.append('"').append(TIMESTAMP.format(state.checkedAt())).append('"');
    }
    json.append(",\"consecutive_failures\":").append(state.consecutiveFailures());
    json.append(",\"consecutive_successes\":").append(state.consecutiveSuccesses());
    if (state.inUse() != null) {
      json.append(",\"in_use\":");
      string(json, state.inUse()); // host:port, never the URL (which may hold a password)
    }
    certificate(json, state.certificate());
    warnings(json, state.activeWarnings(nowNanos));
    json.append('}');
  }

  /** {@code ,"warnings":[...]}: what works but needs an operator (a certificate that expires soon, a read-only replica). */
  private static void warnings(StringBuilder json, java.util.List<String> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    json.append(",\"warnings\":[");
    for (int i = 0; i < warnings.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      string(json, warnings.get(i));
    }
    json.append(']');
  }

  /** The warnings' texts joined by "; ", as the views show them (the codes are for metrics). */
  static String texts(java.util.List<io.healthservice.CheckWarning> warnings) {
    return String.join("; ", warnings.stream().map(io.healthservice.CheckWarning::text).toList());
  }

  /** {@code ,"certificate":{...}} of a TLS dependency; nothing without TLS. */
  private static void certificate(StringBuilder json, CertificateExpiry certificate) {
    if (certificate == null) {
      return;
    }
    json.append(",\"certificate\":{\"not_after\":\"").append(TIMESTAMP.format(certificate.notAfter()))
      .append("\",\"days_left\":").append(certificate.daysLeft()).append('}');
  }

  private static String pad3(long value) {
    return value < 10 ? "00" + value : value < 100 ? "0" + value : Long.toString(value);
  }

  static void string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  /** A small error body: {"error":"not found"}. */
  static String error(String message) {
    StringBuilder json = new StringBuilder(48).append("{\"error\":");
    string(json, message);
    return json.append('}').toString();
  }
}
