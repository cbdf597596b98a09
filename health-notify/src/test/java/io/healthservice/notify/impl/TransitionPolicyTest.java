package io.healthservice.notify.impl;

import io.healthservice.CheckState;
import io.healthservice.FailureKind;
import io.healthservice.notify.NotifySettings;
import io.healthservice.support.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.healthservice.notify.impl.States.down;
import static io.healthservice.notify.impl.States.pending;
import static io.healthservice.notify.impl.States.up;
import static org.assertj.core.api.Assertions.assertThat;

/** Which messages are decided, and when: dedup, minimum interval, reminders, stale; a fake clock, no sleeps. */
class TransitionPolicyTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> sent = new ArrayList<>();
  private final List<Notification> messages = new ArrayList<>();

  private TransitionPolicy policy(long minIntervalMs, long reminderMs, boolean sendResolved) {
    NotifySettings settings = new NotifySettings(Duration.ofMillis(minIntervalMs), Duration.ofMillis(reminderMs),
      sendResolved, 10, 3, Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
    return new TransitionPolicy(clock, settings, "chat", check -> check.equals("redis"), n -> {
      messages.add(n);
      sent.add(clock.elapsedMs() + " " + n.check() + " " + n.event().label());
    });
  }

  /** Feeds the state change {@code from → to} as the monitor would. */
  private static void change(TransitionPolicy policy, CheckState from, CheckState to) {
    policy.onResult(from, to, null);
  }

  @Test
  void oneMessagePerTransitionNotPerRun() {
    TransitionPolicy policy = policy(0, 0, true);
    change(policy, pending("redis"), up("redis"));
    clock.advance(100);
    change(policy, up("redis"), up("redis"));
    change(policy, up("redis"), down("redis", "connection refused"));
    clock.advance(100);
    change(policy, down("redis", "connection refused"), down("redis", "connection refused"));
    change(policy, down("redis", "connection refused"), down("redis", "timeout after 500 ms"));
    clock.advance(100);
    change(policy, down("redis", "timeout after 500 ms"), up("redis"));
    change(policy, up("redis"), up("redis"));

    assertThat(sent).containsExactly("100 redis down", "300 redis resolved");
    Notification first = messages.get(0);
    assertThat(first.reason()).isEqualTo("connection refused");
    assertThat(first.kind()).isEqualTo(FailureKind.REFUSED);
    assertThat(first.critical()).isTrue();
    assertThat(first.service()).isEqualTo("chat");
    assertThat(messages.get(1).summary()).isEqualTo("chat: redis is ok again (down for 0 s)");
    assertThat(messages.get(1).since()).isEqualTo(first.since()).isEqualTo(FakeClock.START.plusMillis(100));
  }

  @Test
  void aCheckDownAtStartIsReported() {
    TransitionPolicy policy = policy(0, 0, true);
    change(policy, pending("database"), down("database", "connection refused"));
    assertThat(sent).containsExactly("0 database down");
    assertThat(messages.get(0).critical()).isFalse();
  }

  @Test
  void flappingInsideTheMinimumIntervalSendsNothingMore() {
    TransitionPolicy policy = policy(1000, 0, true);
    change(policy, pending("redis"), up("redis"));
    change(policy, up("redis"), down("redis", "connection refused"));
    for (int i = 0; i < 4; i++) {
      clock.advance(100);
      change(policy, down("redis", "x"), up("redis"));
      clock.advance(100);
      change(policy, up("redis"), down("redis", "connection refused"));
    }
    clock.advance(2000); // the quiet window ends with the check down, as last told: nothing to say
    assertThat(sent).containsExactly("0 redis down");

    change(policy, down("redis", "x"), up("redis"));
    assertThat(sent).containsExactly("0 redis down", "2800 redis resolved");
  }

  @Test
  void aChangeInsideTheWindowIsSentWhenTheWindowEnds() {
    TransitionPolicy policy = policy(1000, 0, true);
    change(policy, up("redis"), down("redis", "connection refused"));
    clock.advance(100);
    change(policy, down("redis", "x"), up("redis"));
    clock.advance(899);
    assertThat(sent).containsExactly("0 redis down");
    clock.advance(1);
    assertThat(sent).containsExactly("0 redis down", "1000 redis resolved");
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void theWindowIsPerCheck() {
    TransitionPolicy policy = policy(1000, 0, true);
    change(policy, up("redis"), down("redis", "connection refused"));
    clock.advance(10);
    change(policy, up("database"), down("database", "connection refused"));
    assertThat(sent).containsExactly("0 redis down", "10 database down");
  }

  @Test
  void remindersWhileDownStopWhenResolved() {
    TransitionPolicy policy = policy(1000, 5000, true);
    change(policy, up("redis"), down("redis", "connection refused"));
    clock.advance(12_000);
    change(policy, down("redis", "x"), up("redis"));
    clock.advance(20_000);
    assertThat(sent).containsExactly("0 redis down", "5000 redis reminder", "10000 redis reminder",
      "12000 redis resolved");
    assertThat(messages.get(1).summary()).startsWith("chat: redis is still down (connection refused), since ");
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void withoutSendResolvedTheNextOutageIsStillReported() {
    TransitionPolicy policy = policy(0, 0, false);
    change(policy, up("redis"), down("redis", "connection refused"));
    clock.advance(100);
    change(policy, down("redis", "x"), up("redis"));
    clock.advance(100);
    change(policy, up("redis"), down("redis", "connection refused"));
    assertThat(sent).containsExactly("0 redis down", "200 redis down");
  }

  @Test
  void aStaleResultCountsAsDownUntilTheNextRun() {
    TransitionPolicy policy = policy(0, 0, true);
    change(policy, pending("redis"), up("redis"));
    clock.advance(70_000);
    policy.onStale(up("redis"));
    clock.advance(100);
    change(policy, up("redis"), up("redis"));
    assertThat(sent).containsExactly("70000 redis down", "70100 redis resolved");
    assertThat(messages.get(0).kind()).isEqualTo(FailureKind.STALE);
    assertThat(messages.get(0).reason()).startsWith("stale: no result for ");
  }

  @Test
  void nothingIsSentAfterClose() {
    TransitionPolicy policy = policy(1000, 5000, true);
    change(policy, up("redis"), down("redis", "connection refused"));
    clock.advance(100);
    change(policy, down("redis", "x"), up("redis"));
    policy.close();
    clock.advance(60_000);
    change(policy, up("redis"), down("redis", "connection refused"));
    assertThat(sent).containsExactly("0 redis down");
    assertThat(clock.pendingTimers()).isZero();
  }
}
