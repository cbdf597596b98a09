package io.healthservice.lifecycle;

import io.healthservice.metrics.HealthMetrics;
import io.healthservice.notify.Channel;
import io.healthservice.support.Exposition;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery counters: one series per configured channel kind, at 0 from the start, labelled by kind only. */
class NotificationMetricsTest {

  @Test
  void countsByChannelKindFromZero() {
    PrometheusMeterRegistry registry = HealthMetrics.newRegistry();
    NotificationMetrics stats = new NotificationMetrics(registry,
      List.of(Channel.slack("https://hooks.example/secret-path"), Channel.webhook("https://alerts.example/hook")));
    Exposition before = new Exposition(registry.scrape());
    assertThat(before.value("health_notifications_sent_total", "channel", "slack")).isEqualTo(0.0);
    assertThat(before.value("health_notifications_failed_total", "channel", "webhook")).isEqualTo(0.0);
    assertThat(before.value("health_notifications_dropped_total", "channel", "webhook")).isEqualTo(0.0);
    assertThat(before.value("health_notifications_sent_total", "channel", "pagerduty")).isNull();

    stats.sent(Channel.Kind.SLACK);
    stats.sent(Channel.Kind.SLACK);
    stats.failed(Channel.Kind.WEBHOOK);
    stats.dropped(Channel.Kind.WEBHOOK);
    Exposition after = new Exposition(registry.scrape());
    assertThat(after.value("health_notifications_sent_total", "channel", "slack")).isEqualTo(2.0);
    assertThat(after.value("health_notifications_sent_total", "channel", "webhook")).isEqualTo(0.0);
    assertThat(after.value("health_notifications_failed_total", "channel", "webhook")).isEqualTo(1.0);
    assertThat(after.value("health_notifications_dropped_total", "channel", "webhook")).isEqualTo(1.0);
    assertThat(registry.scrape()).doesNotContain("hooks.example", "secret-path");
  }
}
