package io.healthservice.notify.impl;

import io.healthservice.notify.MaintenanceLookup;
import io.healthservice.notify.NotifySettings;
import io.healthservice.support.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.healthservice.notify.impl.States.down;
import static io.healthservice.notify.impl.States.pending;
import static io.healthservice.notify.impl.States.up;
import static org.assertj.core.api.Assertions.assertThat;

/** Webhook messages during a maintenance window: held, caught up at its end when the state differs; a fake clock. */
class MaintenanceHoldTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> sent = new ArrayList<>();
  /** A window over redis from 1 s to 10 s after the start. */
  private final Instant from = FakeClock.START.plusSeconds(1);
  private final Instant until = FakeClock.START.plusSeconds(10);
  private final MaintenanceLookup window = (check, at) -> check.equals("redis") && !at.isBefore(from) && at.isBefore(until)
    ? Optional.of("deploy") : Optional.empty();

  private TransitionPolicy policy(long reminderMs) {
    NotifySettings settings = new NotifySettings(Duration.ZERO, Duration.ofMillis(reminderMs), true, 10, 3,
      Duration.ofSeconds(1), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
    return new TransitionPolicy(clock, settings, "chat", check -> true,
      n -> sent.add(clock.elapsedMs() + " " + n.check() + " " + n.event().label()), window);
  }

  @Test
  void anOutageThatBeganAndEndedInsideTheWindowSendsNothing() {
    TransitionPolicy policy = policy(0);
    policy.onResult(pending("redis"), up("redis"), null);
    clock.advance(2000);
    policy.onResult(up("redis"), down("redis", "connection refused"), null);
    clock.advance(3000);
    policy.onResult(down("redis", "connection refused"), up("redis"), null);
    clock.advance(20_000);
    policy.onResult(up("redis"), up("redis"), null);
    assertThat(sent).isEmpty();
  }

  @Test
  void anOutageThatOutlivesTheWindowIsToldOnceWhenItEndsEvenWithoutANewResult() {
    TransitionPolicy policy = policy(0);
    policy.onResult(pending("redis"), up("redis"), null);
    clock.advance(2000);
    policy.onResult(up("redis"), down("redis", "connection refused"), null);
    // No result after the window: the hold's own timer (every 5 s) looks again.
    clock.advance(20_000);
    assertThat(sent).containsExactly("12000 redis down");
    policy.onResult(down("redis", "x"), down("redis", "connection refused"), null);
    assertThat(sent).hasSize(1);
  }

  @Test
  void otherChecksAreNotHeldAndRemindersWaitForTheWindowsEnd() {
    TransitionPolicy policy = policy(4000);
    policy.onResult(pending("redis"), down("redis", "connection refused"), null);
    policy.onResult(pending("database"), up("database"), null);
    clock.advance(2000);
    policy.onResult(up("database"), down("database", "connection refused"), null);
    clock.advance(7000);
    // Reminders due at 4 s and 8 s fall in redis's window; the one at 12 s is after it.
    assertThat(sent).containsExactly("0 redis down", "2000 database down", "6000 database reminder");
    clock.advance(4000);
    assertThat(sent).contains("12000 redis reminder");
  }

  @Test
  void aRecoveryInsideTheWindowIsToldAtItsEnd() {
    TransitionPolicy policy = policy(0);
    policy.onResult(pending("redis"), down("redis", "connection refused"), null);
    clock.advance(3000);
    policy.onResult(down("redis", "connection refused"), up("redis"), null);
    assertThat(sent).containsExactly("0 redis down");
    clock.advance(8000);
    policy.onResult(up("redis"), up("redis"), null); // the first result after the window (10 s)
    assertThat(sent).containsExactly("0 redis down", "11000 redis resolved");
  }
}
