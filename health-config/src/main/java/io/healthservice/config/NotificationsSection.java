package io.healthservice.config;

import io.healthservice.notify.Channel;
import io.healthservice.notify.NotifySettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code notifications}: the damping and delivery settings and the channels. A channel exists when
 * its secret is given, in the file or the environment ({@code HEALTH_WEBHOOK_URL}, {@code HEALTH_SLACK_WEBHOOK_URL},
 * {@code HEALTH_PAGERDUTY_ROUTING_KEY}, each also as {@code *_FILE}). Messages never show a URL or key.
 */
final class NotificationsSection {

  static final String WEBHOOK_URL = "HEALTH_WEBHOOK_URL";
  static final String SLACK_URL = "HEALTH_SLACK_WEBHOOK_URL";
  static final String PAGERDUTY_KEY = "HEALTH_PAGERDUTY_ROUTING_KEY";
  private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

  private NotificationsSection() {
  }

  static NotificationOptions read(TypedReader notifications, EnvOverlay env, SecretResolver secrets) {
    notifications.allowOnly(Set.of("min_interval", "reminder_interval", "send_resolved", "queue_size", "max_attempts",
      "timeout", "initial_backoff", "max_backoff", "max_retry_after", "webhook", "slack", "pagerduty",
      "alertmanager"));
    NotifySettings d = NotifySettings.defaults();
    Duration minInterval = notifications.duration("min_interval", d.minInterval(), true);
    Duration reminder = notifications.duration("reminder_interval", d.reminderInterval(), true);
    boolean sendResolved = notifications.bool("send_resolved", d.sendResolved());
    int queueSize = bounded(notifications, "queue_size", d.queueSize(), 1, 10_000);
    int maxAttempts = bounded(notifications, "max_attempts", d.maxAttempts(), 1, 20);
    Duration timeout = notifications.duration("timeout", d.requestTimeout(), false);
    Duration initial = notifications.duration("initial_backoff", d.initialBackoff(), false);
    Duration maxBackoff = notifications.duration("max_backoff", d.maxBackoff(), false);
    if (maxBackoff.compareTo(initial) < 0) {
      throw notifications.error("max_backoff", "must be at least initial_backoff (" + initial.toMillis() + " ms)");
    }
    Duration maxRetryAfter = notifications.duration("max_retry_after", d.maxRetryAfter(), true);
    NotifySettings settings = new NotifySettings(minInterval, reminder, sendResolved, queueSize, maxAttempts, timeout,
      initial, maxBackoff, maxRetryAfter);

    List<Channel> channels = new ArrayList<>();
    TypedReader webhook = notifications.section("webhook", "url");
    webhook.allowOnly(Set.of("url", "url_env", "url_file"));
    url(webhook, env, secrets, WEBHOOK_URL, true).map(Channel::webhook).ifPresent(channels::add);
    TypedReader slack = notifications.section("slack", "url");
    slack.allowOnly(Set.of("url", "url_env", "url_file"));
    url(slack, env, secrets, SLACK_URL, false).map(Channel::slack).ifPresent(channels::add);
    TypedReader pagerDuty = notifications.section("pagerduty");
    pagerDuty.allowOnly(Set.of("routing_key", "routing_key_env", "routing_key_file", "url"));
    Optional<String> key = secrets.secret(pagerDuty, "routing_key", PAGERDUTY_KEY);
    if (key.isPresent()) {
      String url = pagerDuty.string("url", Channel.PAGERDUTY_EVENTS_URL);
      checkUrl(url, pagerDuty.setting("url"), false);
      channels.add(Channel.pagerDuty(url, key.get()));
    } else if (pagerDuty.has("url")) {
      throw pagerDuty.error("routing_key", "is required when notifications.pagerduty is configured");
    }
    return new NotificationOptions(settings, channels,
      AlertmanagerSection.read(notifications.section("alertmanager"), env, secrets));
  }

  private static int bounded(TypedReader node, String key, int def, int min, int max) {
    int value = node.integer(key, def);
    if (value < min || value > max) {
      throw node.error(key, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  private static Optional<String> url(TypedReader node, EnvOverlay env, SecretResolver secrets, String variable,
                                      boolean cleartext) {
    Optional<String> url = secrets.secret(node, "url", variable);
    url.ifPresent(u -> checkUrl(u, env.isSet(variable) ? variable
      : env.isSet(variable + "_FILE") ? variable + "_FILE" : node.key(node.has("url_file") ? "url_file" : "url"),
      cleartext));
    return url;
  }

  /**
   * http(s) with a host. Slack's URL and PagerDuty's key are credentials: plain http only to this machine
   * (a local relay, a test); a generic webhook may be an in-cluster receiver without TLS. The message never
   * shows the URL: a Slack URL's path is its token.
   */
  private static void checkUrl(String url, String setting, boolean cleartext) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException(setting, "is not a valid URL (expected https://host/path)");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new ConfigException(setting, "must start with https:// or http://");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty() || uri.getPort() > 65535) {
      throw new ConfigException(setting, "has no valid host name or port");
    }
    if ("http".equals(uri.getScheme()) && !cleartext && !isLoopback(uri.getHost())) {
      throw new ConfigException(setting, "must start with https:// (plain http only to localhost: it carries a credential)");
    }
  }

  /** A loopback name or literal (not a host name that merely starts with "127."); no DNS lookup at start. */
  static boolean isLoopback(String host) {
    return host.equalsIgnoreCase("localhost") || LOOPBACK_V4.matcher(host).matches() || host.equals("[::1]");
  }
}
