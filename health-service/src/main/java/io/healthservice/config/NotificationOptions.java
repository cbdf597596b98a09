package io.healthservice.config;

import io.healthservice.Channel;
import io.healthservice.NotifySettings;

import java.util.List;
import java.util.Objects;

/**
 * The {@code notifications} section.
 *
 * @param settings how messages are damped and delivered
 * @param channels where they go; empty when none is configured (then no notifier runs)
 */
public record NotificationOptions(NotifySettings settings, List<Channel> channels) {

  public NotificationOptions {
    Objects.requireNonNull(settings);
    channels = List.copyOf(channels);
  }

  @Override
  public String toString() {
    // Channel.toString names the kind only: webhook URLs and routing keys are secrets.
    return channels.toString();
  }
}
