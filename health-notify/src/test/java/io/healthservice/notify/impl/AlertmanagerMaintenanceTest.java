package io.healthservice.notify.impl;

import io.healthservice.notify.AlertmanagerSettings;
import io.healthservice.notify.MaintenanceLookup;
import io.healthservice.support.FakeClock;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.healthservice.notify.impl.States.down;
import static io.healthservice.notify.impl.States.up;
import static org.assertj.core.api.Assertions.assertThat;

/** The Alertmanager channel during a maintenance window: the alert unchanged, a MaintenanceWindow marker beside it. */
class AlertmanagerMaintenanceTest {

  private final FakeClock clock = new FakeClock();
  private final List<JsonArray> bodies = new ArrayList<>();
  /** A window over redis for the first 10 s. */
  private final Instant until = FakeClock.START.plusSeconds(10);
  private final MaintenanceLookup window = (check, at) -> check.equals("redis") && at.isBefore(until)
    ? Optional.of("deploy") : Optional.empty();

  private AlertmanagerChannel channel() {
    AlertmanagerSettings settings = AlertmanagerSettings.of(List.of("http://127.0.0.1:9093"), "pod-a")
      .withLabels(Map.of("env", "prod"))
      .withTiming(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofMillis(400));
    Poster poster = (url, json) -> {
      bodies.add(json.toJsonArray());
      return Future.succeededFuture(new Reply(200, null));
    };
    return new AlertmanagerChannel(clock, "chat", settings, check -> true, poster,
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofMillis(400), () -> 0.0), window);
  }

  private static JsonObject alert(JsonArray body, String alertname) {
    return body.stream().map(JsonObject.class::cast)
      .filter(a -> a.getJsonObject("labels").getString("alertname").equals(alertname)).findFirst().orElseThrow();
  }

  @Test
  void aCheckDownInAWindowKeepsItsAlertAndGetsAMarkerThatEndsWithTheWindow() {
    AlertmanagerChannel c = channel();
    c.onResult(up("redis"), down("redis", "connection refused"), null);
    JsonArray first = bodies.get(bodies.size() - 1);
    JsonObject alert = alert(first, "DependencyDown");
    assertThat(alert.getJsonObject("labels").getMap()).containsOnlyKeys("alertname", "service", "check", "severity", "env");
    assertThat(alert.getJsonObject("annotations").getString("maintenance")).isEqualTo("deploy");
    JsonObject marker = alert(first, "MaintenanceWindow");
    assertThat(marker.getJsonObject("labels").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
      "alertname", "MaintenanceWindow", "service", "chat", "check", "redis", "maintenance", "deploy", "env", "prod"));
    assertThat(Instant.parse(marker.getString("endsAt"))).as("expires by itself").isAfter(clock.now());

    clock.advance(11_000);
    c.onResult(down("redis", "x"), down("redis", "connection refused"), null);
    JsonArray after = bodies.get(bodies.size() - 1);
    assertThat(alert(after, "DependencyDown").containsKey("endsAt")).isFalse();
    assertThat(alert(after, "DependencyDown").getJsonObject("annotations").containsKey("maintenance")).isFalse();
    assertThat(Instant.parse(alert(after, "MaintenanceWindow").getString("endsAt"))).as("ended now").isEqualTo(clock.now());
    assertThat(c.entries()).isEqualTo(1);
  }

  @Test
  void anEndInsideTheWindowIsPostedAgainOnceTheWindowIsOver() {
    AlertmanagerChannel c = channel();
    c.onResult(up("redis"), down("redis", "connection refused"), null);
    clock.advance(3000);
    c.onResult(down("redis", "x"), up("redis"), null);
    Instant ended = clock.now();
    assertThat(alert(bodies.get(bodies.size() - 1), "DependencyDown").getString("endsAt")).isEqualTo(ended.toString());
    int posts = bodies.size();
    clock.advance(3000);
    c.onResult(up("redis"), up("redis"), null);
    // Inside the window only the marker is posted again, renewed: it must not lapse before the window ends, or
    // Alertmanager would send the muted "resolved" inside the window.
    assertThat(bodies).hasSize(posts + 1);
    JsonArray renewal = bodies.get(bodies.size() - 1);
    assertThat(renewal.encode()).as("no DependencyDown inside the window").doesNotContain("\"DependencyDown\"");
    assertThat(Instant.parse(alert(renewal, "MaintenanceWindow").getString("endsAt"))).isAfter(clock.now());
    assertThat(c.entries()).as("kept for after the window").isEqualTo(1);

    clock.advance(5000);
    c.onResult(up("redis"), up("redis"), null);
    JsonArray again = bodies.get(bodies.size() - 1);
    assertThat(alert(again, "DependencyDown").getString("endsAt")).isEqualTo(ended.toString());
    assertThat(Instant.parse(alert(again, "MaintenanceWindow").getString("endsAt"))).isEqualTo(clock.now());
    assertThat(c.entries()).isZero();
  }

  @Test
  void checksNoWindowCoversGetNoMarker() {
    AlertmanagerChannel c = channel();
    c.onResult(up("database"), down("database", "connection refused"), null);
    assertThat(bodies.get(0)).hasSize(1);
    assertThat(bodies.get(0).encode()).doesNotContain("MaintenanceWindow").doesNotContain("maintenance");
  }
}
