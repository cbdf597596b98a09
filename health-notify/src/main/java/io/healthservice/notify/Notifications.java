package io.healthservice.notify;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.HealthChecker;
import io.healthservice.HealthCheckerBuilder;
import io.healthservice.MonitorListener;
import io.healthservice.notify.impl.AlertmanagerChannel;
import io.healthservice.notify.impl.Notifier;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Notifications about a {@link HealthChecker}'s checks, attached to its builder: messages to webhooks,
 * Slack and PagerDuty when a check's damped state changes, and alerts to Alertmanager while a check is down
 * (one alert per check for a whole fleet). Each is a listener made when the checker is built: on its clock,
 * told from the first run (a dependency down at start is told too), closed by {@link HealthChecker#stop()}.
 *
 * <pre>{@code
 * HealthChecker health = HealthChecker.builder(vertx, "my-app", "1.0")
 *   .check(...)
 *   .attach(Notifications.webhooks(vertx, "my-app", NotifySettings.defaults(), List.of(Channel.slack(slackUrl)),
 *     NotifyStats.NONE))
 *   .attach(Notifications.alertmanager(vertx, "my-app", AlertmanagerSettings.of(List.of(amUrl), podName)))
 *   .build();
 * }</pre>
 *
 * Each owns an HTTP client of its own, so a hung receiver never holds a connection the checks need; its
 * deliveries, timeouts and retries never delay a check or a probe.
 */
public final class Notifications implements MonitorListener, AutoCloseable {

  private final MonitorListener listener;
  private final Runnable close;

  private Notifications(MonitorListener listener, Runnable close) {
    this.listener = listener;
    this.close = close;
  }

  /**
   * Messages on state changes ("down", optional reminders, "resolved") to {@code channels}, for
   * {@link HealthCheckerBuilder#attach}.
   *
   * @param service  the name in every message (the checker's), and part of PagerDuty's dedup key
   * @param channels where to send; empty: nothing is sent (and no client is made)
   * @param stats    told of every message sent, failed or dropped, e.g. to count them in metrics
   */
  public static Function<HealthChecker, Notifications> webhooks(Vertx vertx, String service, NotifySettings settings,
                                                                List<Channel> channels, NotifyStats stats) {
    return webhooks(vertx, service, settings, channels, stats, MaintenanceLookup.NONE);
  }

  /**
   * As {@link #webhooks(Vertx, String, NotifySettings, List, NotifyStats)}, holding the messages about a check
   * while {@code maintenance} names a window covering it; when none does any more, the state the check is in
   * then is told if it differs from the last message.
   */
  public static Function<HealthChecker, Notifications> webhooks(Vertx vertx, String service, NotifySettings settings,
                                                                List<Channel> channels, NotifyStats stats,
                                                                MaintenanceLookup maintenance) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(maintenance, "maintenance");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(stats, "stats");
    List<Channel> to = List.copyOf(channels);
    return checker -> {
      if (to.isEmpty()) {
        return new Notifications((previous, current, failure) -> { }, () -> { });
      }
      Notifier notifier = Notifier.create(vertx, checker, service, settings, to, stats, maintenance);
      return new Notifications(notifier, notifier::close);
    };
  }

  /**
   * Firing and resolved alerts posted to every Alertmanager of {@code settings}, for
   * {@link HealthCheckerBuilder#attach}.
   *
   * @param service the {@code service} label of every alert (the checker's name); the same on every replica
   */
  public static Function<HealthChecker, Notifications> alertmanager(Vertx vertx, String service,
                                                                    AlertmanagerSettings settings) {
    return alertmanager(vertx, service, settings, MaintenanceLookup.NONE);
  }

  /**
   * As {@link #alertmanager(Vertx, String, AlertmanagerSettings)}; while {@code maintenance} names a window
   * covering a check that is down, a {@value AlertmanagerSettings#MAINTENANCE_ALERT_NAME} alert with the label
   * {@code maintenance="<window>"} is posted beside its alert, for an inhibit rule (deploy/alertmanager).
   */
  public static Function<HealthChecker, Notifications> alertmanager(Vertx vertx, String service,
                                                                    AlertmanagerSettings settings,
                                                                    MaintenanceLookup maintenance) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(maintenance, "maintenance");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(settings, "settings");
    return checker -> {
      AlertmanagerChannel alerts = AlertmanagerChannel.create(vertx, checker, service, settings, maintenance);
      return new Notifications(alerts, alerts::close);
    };
  }

  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    listener.onResult(previous, current, failure);
  }

  @Override
  public void onStale(CheckState state) {
    listener.onStale(state);
  }

  /** Stops sending: timers, retries and the HTTP client; what is still queued is not sent. */
  @Override
  public void close() {
    close.run();
  }
}
