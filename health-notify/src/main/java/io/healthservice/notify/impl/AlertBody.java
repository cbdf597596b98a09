package io.healthservice.notify.impl;

import io.healthservice.notify.AlertmanagerSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/**
 * Alertmanager's API v2 alert: {@code {labels, annotations, startsAt, endsAt, generatorURL}}. The labels are
 * what makes two alerts one, so they hold only what every replica agrees on (alert name, service, check,
 * severity, the configured labels); who saw it, and why, are annotations. A firing alert has no
 * {@code endsAt}: Alertmanager then keeps it for its {@code resolve_timeout} after the last post.
 */
final class AlertBody {

  private AlertBody() {
  }

  /** One check's alert as this replica sees it. */
  record Alert(String check, boolean critical, boolean firing, Instant startsAt, Instant endsAt, String reason,
               String window) {
  }

  static JsonArray render(String service, AlertmanagerSettings settings, Iterable<Alert> alerts) {
    JsonArray body = new JsonArray();
    for (Alert alert : alerts) {
      body.add(render(service, settings, alert));
    }
    return body;
  }

  static JsonObject render(String service, AlertmanagerSettings settings, Alert a) {
    JsonObject labels = new JsonObject();
    settings.labels().forEach(labels::put);
    labels.put("alertname", AlertmanagerSettings.ALERT_NAME)
      .put("service", service)
      .put("check", a.check())
      .put("severity", a.critical() ? "critical" : "warning");
    String reason = a.reason() == null ? "unknown" : a.reason();
    JsonObject annotations = new JsonObject()
      .put("summary", service + ": " + a.check() + " is down")
      .put("description", (a.critical() ? "The critical dependency " : "The dependency ") + a.check() + " of "
        + service + " fails its health check (" + reason + "), as seen by " + settings.instance() + ".")
      .put("reason", reason)
      .put("instance", settings.instance());
    JsonObject alert = new JsonObject().put("labels", labels).put("annotations", annotations)
      .put("startsAt", a.startsAt().toString());
    if (a.window() != null) {
      annotations.put("maintenance", a.window()); // for people: the marker alert is what inhibits it
    }
    if (settings.statusUrl() != null) {
      annotations.put("status_url", settings.statusUrl());
      alert.put("generatorURL", settings.statusUrl());
    }
    if (!a.firing()) {
      alert.put("endsAt", a.endsAt().toString());
    }
    return alert;
  }

  /**
   * {@code MaintenanceWindow} alerts: labels {@code alertname, service, check, maintenance} and the configured
   * ones, so the shipped inhibit rule ({@code equal: [service, check]}) mutes that check's alert from every replica.
   */
  static JsonArray markers(String service, AlertmanagerSettings settings, Iterable<MaintenanceMark.Marker> markers) {
    JsonArray body = new JsonArray();
    for (MaintenanceMark.Marker m : markers) {
      JsonObject labels = new JsonObject();
      settings.labels().forEach(labels::put);
      labels.put("alertname", AlertmanagerSettings.MAINTENANCE_ALERT_NAME).put("service", service)
        .put("check", m.check()).put("maintenance", m.window());
      JsonObject annotations = new JsonObject()
        .put("summary", service + ": " + m.check() + " is in the maintenance window " + m.window())
        .put("instance", settings.instance());
      body.add(new JsonObject().put("labels", labels).put("annotations", annotations)
        .put("startsAt", m.startsAt().toString()).put("endsAt", m.endsAt().toString()));
    }
    return body;
  }
}
