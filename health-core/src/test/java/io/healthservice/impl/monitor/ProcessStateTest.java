package io.healthservice.impl.monitor;

import io.healthservice.support.FakeClock;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The drain notification views use to push state (gRPC Watch streams): once, whenever they register. */
class ProcessStateTest {

  private final ProcessState process = new ProcessState(new EventLoopWatch(5_000, new FakeClock()));

  @Test
  void listenersRunOnceWhenDrainingStarts() {
    AtomicInteger calls = new AtomicInteger();
    process.onDraining(calls::incrementAndGet);
    assertThat(calls).hasValue(0);
    assertThat(process.startDraining()).isTrue();
    assertThat(process.startDraining()).isFalse();
    assertThat(calls).hasValue(1);
  }

  @Test
  void aListenerAddedAfterTheStartRunsAtOnceAndOnlyOnce() {
    process.startDraining();
    AtomicInteger calls = new AtomicInteger();
    process.onDraining(calls::incrementAndGet);
    process.startDraining();
    assertThat(calls).hasValue(1);
  }
}
