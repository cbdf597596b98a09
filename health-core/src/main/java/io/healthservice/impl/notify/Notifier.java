package io.healthservice.impl.notify;

import io.healthservice.Channel;
import io.healthservice.CheckFailure;
import io.healthservice.CheckState;
import io.healthservice.DependencyGroup;
import io.healthservice.HealthSnapshot;
import io.healthservice.MonitorClock;
import io.healthservice.MonitorListener;
import io.healthservice.NotifySettings;
import io.healthservice.NotifyStats;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Sends a message to each channel when a check's damped state changes (after its failure or success
 * threshold): "down", optionally "still down" reminders, and "resolved". A {@link MonitorListener}: it is told
 * on the monitor's event loop, decides at once and hands the message to each channel's bounded queue;
 * delivery (own HTTP client, timeouts, retries) never delays a check or a probe.
 *
 * <pre>{@code
 * HealthChecker health = HealthChecker.builder(vertx, "my-app", "1.0")
 *   .check(...)
 *   .notifications(NotifySettings.defaults(), List.of(Channel.slack(slackUrl)), NotifyStats.NONE)
 *   .build();                       // the checker's clock; told from the first run; closed by health.stop()
 * }</pre>
 */
public final class Notifier implements MonitorListener, AutoCloseable {

  private final TransitionPolicy policy;
  private final List<Delivery> deliveries;
  private final Sender sender;
  /** The monitor's context, where every call and callback runs; close() hops onto it. */
  private volatile Context context;

  Notifier(MonitorClock clock, String service, Predicate<String> critical, NotifySettings settings,
           List<Channel> channels, Sender sender, Backoff backoff, NotifyStats stats) {
    this.sender = sender;
    List<Delivery> list = new ArrayList<>();
    for (Channel channel : channels) {
      list.add(new Delivery(channel, sender, clock, settings, backoff, stats));
    }
    this.deliveries = List.copyOf(list);
    Consumer<Notification> fanOut = n -> deliveries.forEach(d -> d.offer(n));
    this.policy = new TransitionPolicy(clock, settings, service, critical, fanOut);
  }

  /**
   * A notifier for the checks of {@code checks} (their criticality is read from its groups), on the
   * monitor's {@code clock}; the checker's builder creates it ({@code notifications(...)}).
   *
   * @param service  the name in every message, and part of PagerDuty's dedup key
   * @param channels where to send; may be empty (then nothing is sent)
   * @param stats    told of every message sent, failed or dropped
   */
  public static Notifier create(Vertx vertx, MonitorClock clock, HealthSnapshot checks, String service,
                                NotifySettings settings, List<Channel> channels, NotifyStats stats) {
    Objects.requireNonNull(vertx);
    Objects.requireNonNull(clock);
    Objects.requireNonNull(settings);
    Map<String, Boolean> critical = new HashMap<>();
    for (DependencyGroup group : checks.groups()) {
      group.checks().forEach(check -> critical.put(check, group.critical()));
    }
    // Rendered once here, off the event loop, so the first real message does not load the JSON classes there.
    channels.forEach(c -> Payloads.render(c, sample(service)).toBuffer());
    return new Notifier(clock, service, check -> critical.getOrDefault(check, true), settings,
      List.copyOf(channels), new HttpSender(vertx, settings.requestTimeout().toMillis(), "health-notifier"),
      new Backoff(settings, () -> ThreadLocalRandom.current().nextDouble()), Objects.requireNonNull(stats));
  }

  private static Notification sample(String service) {
    java.time.Instant now = java.time.Instant.now();
    return new Notification(Notification.Event.DOWN, service, "warm-up", true, null, "", now, now);
  }

  @Override
  public void onResult(CheckState previous, CheckState current, CheckFailure failure) {
    remember();
    policy.onResult(previous, current, failure);
  }

  @Override
  public void onStale(CheckState state) {
    remember();
    policy.onStale(state);
  }

  private void remember() {
    if (context == null) {
      context = Vertx.currentContext();
    }
  }

  /**
   * Stops timers and retries and closes the HTTP client; messages still queued are not sent. Runs on the
   * monitor's context (the queues are single-threaded), whichever thread calls it.
   */
  @Override
  public void close() {
    Context owner = context;
    if (owner == null || owner == Vertx.currentContext()) {
      shutDown();
    } else {
      owner.runOnContext(v -> shutDown());
    }
  }

  private void shutDown() {
    policy.close();
    deliveries.forEach(Delivery::close);
    sender.close();
  }
}
