package io.healthservice.status.impl;

import io.healthservice.status.HistoryStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The body of {@code /health/history}: per check its state now, uptime, transitions (kind and reason only
 * when details are granted), its minutes of the last hour and its ten-minute periods of the last 24 hours, oldest first.
 */
final class HistoryJson {

  private HistoryJson() {
  }

  /** @param withMinutes whether each check carries its minutes and periods (not with thousands of checks: see StatusEndpoints) */
  static String render(String service, List<StatusRow> rows, boolean details, HistorySource source, Instant now,
                       boolean withMinutes) {
    StringBuilder json = new StringBuilder(4096 + rows.size() * (withMinutes ? 160 * 204 : 600)).append("{\"service\":");
    string(json, service);
    json.append(",\"timestamp\":\"").append(now).append("\",\"retention\":{\"minutes\":")
      .append(HealthHistory.RETAINED_MINUTES).append(",\"periods_10m\":").append(HealthHistory.RETAINED_PERIODS)
      .append(",\"transitions\":").append(HealthHistory.RETAINED_TRANSITIONS)
      .append(",\"persisted\":").append(source.status().isPresent()).append(",\"minutes_in_body\":").append(withMinutes)
      .append('}');
    store(json, source);
    json.append(",\"checks\":{");
    boolean first = true;
    for (StatusRow row : rows) {
      if (!first) {
        json.append(',');
      }
      first = false;
      string(json, row.check());
      json.append(":{\"group\":");
      string(json, row.group().name());
      json.append(",\"critical\":").append(row.group().critical()).append(",\"state\":\"").append(row.state()).append('"');
      row.since().ifPresent(since -> json.append(",\"since\":\"").append(since).append('"'));
      json.append(",\"uptime_1h\":").append(number(row.uptime1h())).append(",\"uptime_24h\":").append(number(row.uptime24h()))
        .append(",\"latency_mean_1h_ms\":").append(number(row.latencyMs()));
      row.kind().ifPresent(kind -> {
        json.append(",\"kind\":");
        string(json, kind);
      });
      row.maintenance().ifPresent(window -> {
        json.append(",\"maintenance\":");
        string(json, window);
      });
      if (details && row.warning()) {
        json.append(",\"warnings\":[");
        for (int i = 0; i < row.warnings().size(); i++) {
          json.append(i == 0 ? "" : ",");
          string(json, row.warnings().get(i));
        }
        json.append(']');
      }
      row.fleet().ifPresent(fleet -> fleet(json, fleet));
      transitions(json, row.history().map(h -> h.transitions()).orElse(List.of()), details);
      if (withMinutes) {
        buckets(json, "minutes", "minute", row.minutes());
        buckets(json, "periods", "period", row.periods());
      }
      json.append('}');
    }
    return json.append("}}").toString();
  }

  /** The store's status and the replicas it knows, when there is a store. */
  private static void store(StringBuilder json, HistorySource source) {
    source.status().ifPresent(status -> {
      json.append(",\"store\":{\"up\":").append(status.up()).append(",\"buffered\":").append(status.buffered())
        .append(",\"dropped\":").append(status.dropped());
      if (status.since() != null) {
        json.append(",\"since\":\"").append(status.since()).append('"');
      }
      source.fleet().ifPresent(fleet -> {
        json.append(",\"read_at\":\"").append(fleet.readAt()).append("\",\"replicas\":[");
        int i = 0;
        for (String instance : new java.util.TreeSet<>(fleet.instances().keySet())) {
          json.append(i++ == 0 ? "" : ",");
          string(json, instance);
        }
        json.append(']');
      });
      json.append('}');
    });
  }

  /** One check across the fleet: states per replica, uptime per window (1h to 90d). */
  private static void fleet(StringBuilder json, HistoryStore.FleetCheck fleet) {
    json.append(",\"fleet\":{\"states\":{");
    int i = 0;
    for (var e : new java.util.TreeMap<>(fleet.states()).entrySet()) {
      json.append(i++ == 0 ? "" : ",");
      string(json, e.getKey());
      json.append(':');
      string(json, e.getValue());
    }
    json.append("},\"uptime\":{");
    i = 0;
    for (String window : List.of("1h", "24h", "7d", "30d", "90d")) {
      Double value = fleet.uptime().get(window);
      if (value != null) {
        json.append(i++ == 0 ? "" : ",").append('"').append(window).append("\":")
          .append(String.format(Locale.ROOT, "%.3f", value));
      }
    }
    json.append("}}");
  }

  private static void transitions(StringBuilder json, List<Transition> transitions, boolean details) {
    json.append(",\"transitions\":[");
    for (int i = 0; i < transitions.size(); i++) {
      Transition t = transitions.get(i);
      json.append(i == 0 ? "" : ",").append("{\"at\":\"").append(t.at()).append("\",\"from\":\"").append(t.from())
        .append("\",\"to\":\"").append(t.to()).append('"');
      if (details && t.kind() != null) {
        json.append(",\"kind\":\"").append(t.kind().label()).append('"');
        if (t.reason() != null) {
          json.append(",\"reason\":");
          string(json, t.reason());
        }
      }
      json.append('}');
    }
    json.append(']');
  }

  /** Minutes or periods: each named by its first minute. */
  private static void buckets(StringBuilder json, String name, String key, List<MinuteBucket> minutes) {
    json.append(",\"").append(name).append("\":[");
    long day = Long.MIN_VALUE;
    String date = "";
    for (int i = 0; i < minutes.size(); i++) {
      MinuteBucket m = minutes.get(i);
      json.append(i == 0 ? "" : ",").append("{\"").append(key).append("\":\"");
      if (m.epochMinute() / 1440 != day) {
        day = m.epochMinute() / 1440;
        date = LocalDate.ofEpochDay(day) + "T";
      }
      long minuteOfDay = m.epochMinute() - day * 1440;
      json.append(date).append(two(minuteOfDay / 60)).append(':').append(two(minuteOfDay % 60)).append(":00Z")
        .append("\",\"runs\":").append(m.runs()).append(",\"failures\":").append(m.failures());
      if (m.latencyRuns() > 0) {
        json.append(",\"latency_ms\":{\"min\":").append(m.minMs()).append(",\"avg\":")
          .append(Math.round(m.avgMs() * 10) / 10.0).append(",\"max\":").append(m.maxMs()).append('}');
      }
      json.append(",\"up_ms\":").append(m.upMs()).append(",\"down_ms\":").append(m.downMs());
      if (m.warnings() > 0) {
        json.append(",\"warnings\":").append(m.warnings());
      }
      if (m.maintenanceMs() > 0) {
        json.append(",\"maintenance_ms\":").append(m.maintenanceMs());
      }
      json.append('}');
    }
    json.append(']');
  }

  /** A JSON string, escaped as the probes' bodies escape theirs. */
  private static void string(StringBuilder json, String value) {
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

  /** Hours and minutes as two digits, without a formatter: thousands of minutes per body. */
  private static String two(long value) {
    return value < 10 ? "0" + value : Long.toString(value);
  }

  private static String number(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "null";
  }
}
