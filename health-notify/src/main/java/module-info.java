/**
 * Notifications about a health checker's checks, as listeners attached to its builder: webhooks (JSON,
 * Slack, PagerDuty) on state changes, and Alertmanager alerts while a check is down, over one delivery path.
 * The API is {@code io.healthservice.notify} ({@code Notifications}, {@code Channel}, {@code NotifySettings},
 * {@code NotifyStats}, {@code AlertmanagerSettings}, {@code MaintenanceLookup}); {@code io.healthservice.notify.impl} is internal.
 */
module io.healthservice.notify {
  requires transitive io.healthservice.core;
  requires io.vertx.web.client;
  requires io.vertx.web.common;
  requires java.logging;

  exports io.healthservice.notify;
}
