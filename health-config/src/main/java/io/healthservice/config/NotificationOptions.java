package io.healthservice.config;

import io.healthservice.notify.AlertmanagerSettings;
import io.healthservice.notify.Channel;
import io.healthservice.notify.NotifySettings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code notifications} section.
 *
 * @param settings how messages are damped and delivered
 * @param channels     where they go; empty when none is configured (then no notifier runs)
 * @param alertmanager the Alertmanager channel ({@code notifications.alertmanager}), if configured
 */
public record NotificationOptions(NotifySettings settings, List<Channel> channels,
                                  Optional<AlertmanagerSettings> alertmanager) {

  public NotificationOptions {
    Objects.requireNonNull(settings);
    channels = List.copyOf(channels);
    Objects.requireNonNull(alertmanager);
  }

  public NotificationOptions(NotifySettings settings, List<Channel> channels) {
    this(settings, channels, Optional.empty());
  }

  @Override
  public String toString() {
    // Channel.toString names the kind only: webhook URLs and routing keys are secrets.
    return channels + alertmanager.map(am -> " " + am).orElse("");
  }
}
