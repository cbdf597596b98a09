package io.healthservice.notify.impl;

import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.HealthChecker;
import io.healthservice.MonitorClock;
import io.healthservice.notify.Channel;
import io.healthservice.notify.MaintenanceLookup;
import io.healthservice.notify.NotifySettings;
import io.healthservice.notify.NotifyStats;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Sends a message to each channel when a check's damped state changes (after its failure or success
 * threshold): "down", optionally "still down" reminders, and "resolved". A listener: it is told on the
 * monitor's event loop, decides at once and hands the message to each channel's bounded queue; delivery
 * (own HTTP client, timeouts, retries) never delays a check or a probe.
 */
public final class Notifier extends MonitorLoopListener {

  private final TransitionPolicy policy;
  private final List<Delivery> deliveries;
  private final Poster poster;

  Notifier(MonitorClock clock, String service, Predicate<String> critical, NotifySettings settings,
           List<Channel> channels, Poster poster, Backoff backoff, NotifyStats stats) {
    this(clock, service, critical, settings, channels, poster, backoff, stats, MaintenanceLookup.NONE);
  }

  Notifier(MonitorClock clock, String service, Predicate<String> critical, NotifySettings settings,
           List<Channel> channels, Poster poster, Backoff backoff, NotifyStats stats, MaintenanceLookup maintenance) {
    this.poster = poster;
    List<Delivery> list = new ArrayList<>();
    for (Channel channel : channels) {
      list.add(new Delivery(channel, poster, clock, settings, backoff, stats));
    }
    this.deliveries = List.copyOf(list);
    Consumer<Notification> fanOut = n -> deliveries.forEach(d -> d.offer(n));
    this.policy = new TransitionPolicy(clock, settings, service, critical, fanOut, maintenance);
  }

  /**
   * A notifier for the checks of {@code checker} (their criticality is read from its groups), on its clock.
   *
   * @param service  the name in every message, and part of PagerDuty's dedup key
   * @param channels where to send; may be empty (then nothing is sent)
   * @param stats    told of every message sent, failed or dropped
   * @param maintenance which window covers a check: messages about it are held meanwhile
   */
  public static Notifier create(Vertx vertx, HealthChecker checker, String service, NotifySettings settings,
                                List<Channel> channels, NotifyStats stats, MaintenanceLookup maintenance) {
    Objects.requireNonNull(vertx);
    Objects.requireNonNull(settings);
    // Rendered once here, off the event loop, so the first real message does not load the JSON classes there.
    channels.forEach(c -> Payloads.render(c, sample(service)).toBuffer());
    return new Notifier(checker.clock(), service, Criticality.of(checker.snapshot()), settings, List.copyOf(channels),
      new HttpPoster(vertx, "health-notifier", settings.requestTimeout().toMillis()),
      new Backoff(settings, () -> ThreadLocalRandom.current().nextDouble()), Objects.requireNonNull(stats),
      Objects.requireNonNull(maintenance));
  }

  private static Notification sample(String service) {
    java.time.Instant now = java.time.Instant.now();
    return new Notification(Notification.Event.DOWN, service, "warm-up", true, null, "", now, now);
  }

  @Override
  void result(CheckState previous, CheckState current, CheckFailure failure) {
    policy.onResult(previous, current, failure);
  }

  @Override
  void stale(CheckState state) {
    policy.onStale(state);
  }

  /** Stops timers and retries and closes the HTTP client; messages still queued are not sent. */
  @Override
  void shutDown() {
    policy.close();
    deliveries.forEach(Delivery::close);
    poster.close();
  }
}
