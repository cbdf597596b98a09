package io.healthservice.history.pg.impl;

import io.healthservice.status.HistoryStore.Batch;
import io.healthservice.status.HistoryStore.Change;
import io.healthservice.status.HistoryStore.Minute;
import io.healthservice.status.HistoryStore.State;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WriteBufferTest {

  private static Minute minute(String check, long m, int runs) {
    return new Minute(check, m, runs, 0, 0, 1, 1, 1, 60_000, 0, 0);
  }

  private static Batch batch(List<Minute> ms, List<Change> cs, List<State> ss) {
    return new Batch("a", ms, cs, ss);
  }

  @Test
  void aMinuteOfferedAgainReplacesTheBufferedOne() {
    WriteBuffer buffer = new WriteBuffer(10);
    buffer.offer(batch(List.of(minute("db", 5, 1)), List.of(), List.of()));
    buffer.offer(batch(List.of(minute("db", 5, 2)), List.of(), List.of()));
    assertThat(buffer.size()).isEqualTo(1);
    assertThat(buffer.take(10).minutes()).containsExactly(minute("db", 5, 2));
  }

  @Test
  void overCapacityTheOldestMinutesGoFirstThenTheOldestTransitions() {
    WriteBuffer buffer = new WriteBuffer(3);
    Change c1 = new Change("db", Instant.EPOCH, "ok", "down", "ERROR", "refused");
    Change c2 = new Change("db", Instant.EPOCH.plusSeconds(1), "down", "ok", null, null);
    buffer.offer(batch(List.of(minute("db", 7, 1), minute("db", 6, 1)), List.of(c1), List.of()));
    buffer.offer(batch(List.of(), List.of(c2), List.of()));
    assertThat(buffer.dropped()).isEqualTo(1);
    assertThat(buffer.take(10).minutes()).containsExactly(minute("db", 7, 1));
    buffer.offer(batch(List.of(), List.of(c1, c2), List.of()));
    assertThat(buffer.dropped()).isEqualTo(3);
    assertThat(buffer.take(10).transitions()).containsExactly(c2, c1, c2);
  }

  @Test
  void whatWasWrittenGoesAndWhatChangedMeanwhileStays() {
    WriteBuffer buffer = new WriteBuffer(100);
    State s1 = new State("db", "down", Instant.EPOCH, "refused");
    State s2 = new State("db", "ok", Instant.EPOCH.plusSeconds(5), null);
    Change c1 = new Change("db", Instant.EPOCH, "ok", "down", "ERROR", "refused");
    buffer.offer(batch(List.of(minute("db", 1, 1), minute("db", 2, 1), minute("db", 3, 1)), List.of(c1), List.of(s1)));
    WriteBuffer.Pending p = buffer.take(2);
    assertThat(p.minutes()).containsExactly(minute("db", 1, 1), minute("db", 2, 1));
    assertThat(p.transitions()).isEmpty();
    buffer.offer(batch(List.of(minute("db", 2, 9)), List.of(), List.of(s2)));
    buffer.written(p);
    WriteBuffer.Pending rest = buffer.take(10);
    assertThat(rest.minutes()).containsExactly(minute("db", 2, 9), minute("db", 3, 1));
    assertThat(rest.transitions()).containsExactly(c1);
    assertThat(rest.states()).containsExactly(s2);
    buffer.written(rest);
    assertThat(buffer.isEmpty()).isTrue();
  }

  @Test
  void recordsTheTablesCannotTakeAreDroppedAndCounted() {
    WriteBuffer buffer = new WriteBuffer(10);
    buffer.offer(batch(List.of(minute(null, 1, 1), minute("db", 1, 1)),
      List.of(new Change("db", null, "ok", "down", null, null)), List.of(new State(null, "ok", null, null))));
    assertThat(buffer.dropped()).isEqualTo(3);
    assertThat(buffer.size()).isEqualTo(1);
  }
}
