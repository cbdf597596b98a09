package io.healthservice.notify.impl;

import io.healthservice.CheckState;
import io.healthservice.notify.AlertmanagerSettings;
import io.healthservice.support.FakeClock;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Alertmanager channel's state and timing, with posts the test answers by hand and a fake clock. */
class AlertmanagerChannelTest {

  private static final String TOKEN = "am-s3cret-token-0001";
  private final FakeClock clock = new FakeClock();
  /** "elapsedMs target check=firing|resolved ..." per post. */
  private final List<String> posts = new ArrayList<>();
  private final List<JsonArray> bodies = new ArrayList<>();
  private final List<Promise<Reply>> pending = new ArrayList<>();

  private final Poster poster = (url, json) -> {
    // http://127.0.0.1:9093/api/v2/alerts is am0, :9094 am1...
    int target = Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1")) - 9093;
    JsonArray alerts = json.toJsonArray();
    bodies.add(alerts);
    StringBuilder line = new StringBuilder(clock.elapsedMs() + " am" + target);
    for (Object o : alerts) {
      JsonObject a = (JsonObject) o;
      line.append(' ').append(a.getJsonObject("labels").getString("check"))
        .append(a.containsKey("endsAt") ? "=resolved" : "=firing");
    }
    posts.add(line.toString());
    Promise<Reply> reply = Promise.promise();
    pending.add(reply);
    return reply.future();
  };

  private AlertmanagerChannel channel(int targets) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < targets; i++) {
      urls.add("http://127.0.0.1:" + (9093 + i));
    }
    AlertmanagerSettings settings = AlertmanagerSettings.of(urls, "pod-a")
      .withLabels(Map.of("env", "prod"))
      .withStatusUrl("http://pod-a:8080/status")
      .withAuthorization(Optional.of("Bearer " + TOKEN), Optional.empty())
      .withTiming(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(1000), Duration.ofMillis(4000));
    // Jitter fixed at its lowest: retries after exactly 500, 1000, 2000, 2000 ms.
    Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofMillis(4000), Duration.ofMillis(4000), () -> 0.0);
    return new AlertmanagerChannel(clock, "chat", settings, check -> !check.equals("llm"), poster, backoff);
  }

  private void down(AlertmanagerChannel c, String check) {
    c.onResult(States.up(check), States.down(check, "connection refused"), null);
  }

  private void up(AlertmanagerChannel c, String check) {
    c.onResult(States.down(check, "connection refused"), States.up(check), null);
  }

  private void answerAll(int status) {
    List<Promise<Reply>> open = new ArrayList<>(pending);
    pending.clear();
    open.forEach(p -> p.complete(new Reply(status, null)));
  }

  @Test
  void labelsAreTheSameOnEveryReplicaAndTheReplicaIsAnAnnotation() {
    AlertmanagerChannel c = channel(1);
    down(c, "redis");
    JsonObject alert = bodies.get(0).getJsonObject(0);
    assertThat(alert.getJsonObject("labels").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
      "alertname", "DependencyDown", "service", "chat", "check", "redis", "severity", "critical", "env", "prod"));
    assertThat(alert.getJsonObject("annotations").getMap()).containsEntry("instance", "pod-a")
      .containsEntry("reason", "connection refused").containsEntry("summary", "chat: redis is down")
      .containsEntry("status_url", "http://pod-a:8080/status").containsKey("description");
    assertThat(alert.getString("generatorURL")).isEqualTo("http://pod-a:8080/status");
    assertThat(alert.getString("startsAt")).isEqualTo(FakeClock.START.toString());
    assertThat(alert.containsKey("endsAt")).isFalse(); // Alertmanager's resolve_timeout applies
    assertThat(bodies.get(0).encode()).doesNotContain(TOKEN);
    answerAll(200);
    down(c, "llm");
    assertThat(bodies.get(bodies.size() - 1).encode()).contains("\"severity\":\"warning\"");
  }

  @Test
  void firingIsRepostedAtTheFirstDownResultAfterEachIntervalAndResolvedOnceOnRecovery() {
    AlertmanagerChannel c = channel(2);
    c.onResult(States.pending("redis"), States.up("redis"), null);
    assertThat(posts).isEmpty(); // an ok check is no alert
    down(c, "redis");
    answerAll(200);
    for (int i = 0; i < 25; i++) { // a result every second, still down
      clock.advance(1000);
      down(c, "redis");
      answerAll(200);
    }
    up(c, "redis");
    answerAll(200);
    up(c, "redis");
    clock.advance(60_000);
    assertThat(posts).containsExactly("0 am0 redis=firing", "0 am1 redis=firing",
      "10000 am0 redis=firing", "10000 am1 redis=firing", "20000 am0 redis=firing", "20000 am1 redis=firing",
      "25000 am0 redis=resolved", "25000 am1 redis=resolved");
    assertThat(c.entries()).isZero();
    assertThat(bodies.get(6).getJsonObject(0).getString("endsAt")).isEqualTo(FakeClock.START.plusSeconds(25).toString());
  }

  @Test
  void anUnreachableAlertmanagerIsRetriedWithBackoffAndGetsTheCurrentStateWhenItAnswers() {
    AlertmanagerChannel c = channel(1);
    down(c, "redis");
    pending.remove(0).fail(new ConnectException("Connection refused: 127.0.0.1:9093"));
    clock.advance(500);
    pending.remove(0).complete(new Reply(503, null));
    // Changes while it is away are not queued: the state is one entry per check.
    down(c, "database");
    up(c, "database");
    down(c, "llm");
    assertThat(c.entries()).isEqualTo(3);
    clock.advance(1000);
    pending.remove(0).fail(new java.util.concurrent.TimeoutException());
    clock.advance(2000);
    assertThat(posts).containsExactly("0 am0 redis=firing", "500 am0 redis=firing",
      "1500 am0 redis=firing database=resolved llm=firing", "3500 am0 redis=firing database=resolved llm=firing");
    answerAll(200);
    assertThat(c.entries()).isEqualTo(2); // database's end was taken
    up(c, "redis");
    answerAll(200);
    assertThat(posts.get(posts.size() - 1)).isEqualTo("3500 am0 redis=resolved llm=firing");
  }

  @Test
  void aHungPostTimesOutAndAChangeDuringAPostIsSentRightAfterIt() {
    AlertmanagerChannel c = channel(1);
    down(c, "redis");
    up(c, "redis"); // while the first post is in flight: one more post after it, with the current state
    assertThat(posts).hasSize(1);
    clock.advance(2000); // the request timeout
    assertThat(posts).hasSize(1);
    clock.advance(500);
    assertThat(posts).containsExactly("0 am0 redis=firing", "2500 am0 redis=resolved");
    answerAll(202);
    assertThat(c.entries()).isZero();
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void aRefusedPostIsNotRetriedAndAStoppedChannelPostsNothingMore() {
    AlertmanagerChannel c = channel(1);
    down(c, "redis");
    answerAll(400);
    clock.advance(60_000);
    assertThat(posts).hasSize(1);
    c.close();
    clock.advance(20_000);
    down(c, "redis");
    up(c, "redis");
    assertThat(posts).hasSize(1); // a stopping replica does not resolve: the others or resolve_timeout do
  }

  @Test
  void aStaleCheckFiresAndTheSettingsNeverPrintTheAuthorization() {
    AlertmanagerChannel c = channel(1);
    c.onResult(States.pending("redis"), States.up("redis"), null);
    CheckState stale = States.up("redis");
    c.onStale(stale);
    assertThat(posts).containsExactly("0 am0 redis=firing");
    assertThat(bodies.get(0).getJsonObject(0).getJsonObject("annotations").getString("reason")).startsWith("stale");
    AlertmanagerSettings settings = AlertmanagerSettings.of(List.of("http://u:p@am:9093"), "pod-a")
      .withAuthorization(Optional.of("Bearer " + TOKEN), Optional.empty());
    assertThat(settings.toString()).doesNotContain(TOKEN).doesNotContain("u:p");
  }
}
