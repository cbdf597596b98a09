package io.healthservice.impl.monitor;

import io.healthservice.support.FakeClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Many deadlines on one clock timer, on the fake clock: each fires at its time, once, in order, and costs no timer of its own. */
class DueQueueTest {

  private final FakeClock clock = new FakeClock();
  private final List<String> fired = new ArrayList<>();
  private final DueQueue<String> queue = new DueQueue<>(clock, owner -> fired.add(owner + "@" + clock.elapsedMs()));

  @Test
  void eachDeadlineFiresAtItsTimeOnOneClockTimer() {
    SplittableRandom random = new SplittableRandom(7);
    List<DueQueue.Slot<String>> slots = new ArrayList<>();
    long[] due = new long[1_000];
    for (int i = 0; i < due.length; i++) {
      slots.add(new DueQueue.Slot<>("c" + i));
      due[i] = 1 + random.nextLong(10_000);
      queue.schedule(slots.get(i), due[i]);
    }
    assertThat(clock.pendingTimers()).isEqualTo(1);
    clock.advance(10_000);
    assertThat(fired).hasSize(1_000);
    for (int i = 0; i < due.length; i++) {
      assertThat(fired).contains("c" + i + "@" + due[i]);
    }
    assertThat(fired).isSortedAccordingTo((a, b) -> Long.compare(at(a), at(b)));
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void ownersDueAtOneInstantFireInTheOrderTheyWereScheduled() {
    for (String name : List.of("a", "b", "c", "d", "e")) {
      queue.schedule(new DueQueue.Slot<>(name), 5);
    }
    clock.advance(5);
    assertThat(fired).containsExactly("a@5", "b@5", "c@5", "d@5", "e@5");
  }

  @Test
  void rescheduledAndCancelledSlotsFireAtTheirNewTimeOrNever() {
    DueQueue.Slot<String> moved = new DueQueue.Slot<>("moved");
    DueQueue.Slot<String> cancelled = new DueQueue.Slot<>("cancelled");
    DueQueue.Slot<String> earlier = new DueQueue.Slot<>("earlier");
    queue.schedule(moved, 100);
    queue.schedule(cancelled, 50);
    queue.schedule(moved, 300);
    queue.cancel(cancelled);
    queue.schedule(earlier, 10); // earlier than the armed timer: the timer moves
    assertThat(clock.pendingTimers()).isEqualTo(1);
    clock.advance(1_000);
    assertThat(fired).containsExactly("earlier@10", "moved@300");
    assertThat(moved.scheduled()).isFalse();
  }

  @Test
  void anOwnerThatReschedulesItselfWhileFiringKeepsItsRhythm() {
    DueQueue.Slot<String> slot = new DueQueue.Slot<>("p");
    List<DueQueue<String>> self = new ArrayList<>(1);
    DueQueue<String> periodic = new DueQueue<>(clock, owner -> {
      fired.add(owner + "@" + clock.elapsedMs());
      self.get(0).schedule(slot, 1_000);
    });
    self.add(periodic);
    periodic.schedule(slot, 1_000);
    clock.advance(5_000);
    assertThat(fired).containsExactly("p@1000", "p@2000", "p@3000", "p@4000", "p@5000");
    assertThat(clock.pendingTimers()).isEqualTo(1);
  }

  @Test
  void anOwnerThatThrowsStopsNeitherTheOthersDueNorTheNextDeadlines() {
    DueQueue<String> throwing = new DueQueue<>(clock, owner -> {
      fired.add(owner);
      if (owner.equals("bad")) {
        throw new IllegalStateException("boom");
      }
    });
    throwing.schedule(new DueQueue.Slot<>("bad"), 5);
    throwing.schedule(new DueQueue.Slot<>("good"), 5);
    throwing.schedule(new DueQueue.Slot<>("later"), 9);
    assertThatThrownBy(() -> clock.advance(5)).hasMessage("boom");
    assertThat(fired).containsExactly("bad", "good");
    clock.advance(10);
    assertThat(fired).containsExactly("bad", "good", "later");
  }

  private static long at(String fired) {
    return Long.parseLong(fired.substring(fired.indexOf('@') + 1));
  }
}
