package io.healthservice.lifecycle;

import io.healthservice.notify.Channel;
import io.healthservice.notify.NotifyStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code health_notifications_{sent,failed,dropped}_total{channel}}. Registered up front for each configured
 * channel, so every series exists at 0 and an alert on {@code increase(...failed_total[1h]) > 0} works from
 * the first failure. The label is the channel's kind, never its URL.
 */
public final class NotificationMetrics implements NotifyStats {

  private final Map<Channel.Kind, Counter> sent = new EnumMap<>(Channel.Kind.class);
  private final Map<Channel.Kind, Counter> failed = new EnumMap<>(Channel.Kind.class);
  private final Map<Channel.Kind, Counter> dropped = new EnumMap<>(Channel.Kind.class);

  public NotificationMetrics(MeterRegistry registry, List<Channel> channels) {
    for (Channel channel : channels) {
      Channel.Kind kind = channel.kind();
      sent.put(kind, counter(registry, "health.notifications.sent", "Notifications accepted by the receiver", kind));
      failed.put(kind, counter(registry, "health.notifications.failed",
        "Notifications given up after a permanent error or their last attempt", kind));
      dropped.put(kind, counter(registry, "health.notifications.dropped",
        "Notifications dropped because the channel's queue was full", kind));
    }
  }

  private static Counter counter(MeterRegistry registry, String name, String description, Channel.Kind kind) {
    return Counter.builder(name).description(description).tag("channel", kind.label()).register(registry);
  }

  @Override
  public void sent(Channel.Kind channel) {
    sent.get(channel).increment();
  }

  @Override
  public void failed(Channel.Kind channel) {
    failed.get(channel).increment();
  }

  @Override
  public void dropped(Channel.Kind channel) {
    dropped.get(channel).increment();
  }
}
