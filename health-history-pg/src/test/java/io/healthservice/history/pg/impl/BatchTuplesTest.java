package io.healthservice.history.pg.impl;

import io.healthservice.status.HistoryStore.Change;
import io.healthservice.status.HistoryStore.Minute;
import io.healthservice.status.HistoryStore.State;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The statements' parameters: one array per column, rows in order, with what Postgres would refuse mended. */
class BatchTuplesTest {

  private final BatchTuples tuples = new BatchTuples("svc", "pod-1");

  @Test
  void minutesAreColumnsWithNulRemovedAndDurationsClampedToAMinute() {
    Tuple t = tuples.minutes(List.of(
      new Minute("data\0base", 29_000_000L, 6, 1, 2, 120, 300, 5, 70_000, -5, 1_000),
      new Minute("redis", 29_000_001L, 7, 0, 0, 3, 9, 7, 60_000, 0, 0)));
    assertThat(t.size()).isEqualTo(13);
    assertThat(t.getValue(0)).isEqualTo("svc");
    assertThat(t.getValue(1)).isEqualTo("pod-1");
    assertThat((Object[]) t.getValue(2)).containsExactly("database", "redis");
    assertThat((Object[]) t.getValue(3)).containsExactly(29_000_000L, 29_000_001L);
    assertThat((Object[]) t.getValue(4)).as("runs").containsExactly(6, 7);
    assertThat((Object[]) t.getValue(5)).as("failures").containsExactly(1, 0);
    assertThat((Object[]) t.getValue(6)).as("warnings").containsExactly(2, 0);
    assertThat((Object[]) t.getValue(7)).as("latency max").containsExactly(120L, 3L);
    assertThat((Object[]) t.getValue(8)).as("latency sum").containsExactly(300L, 9L);
    assertThat((Object[]) t.getValue(9)).as("latency runs").containsExactly(5, 7);
    assertThat((Object[]) t.getValue(10)).as("up: at most 60,000 ms").containsExactly(60_000, 60_000);
    assertThat((Object[]) t.getValue(11)).as("down: never negative").containsExactly(0, 0);
    assertThat((Object[]) t.getValue(12)).containsExactly(1_000, 0);
  }

  @Test
  void transitionsAndStatesKeepTheirOrderAndNulls() {
    Instant at = Instant.parse("2026-12-07T05:00:00.123Z");
    Tuple changes = tuples.transitions(List.of(new Change("redis", at, "ok", "down", "refused", "connection\0 refused")));
    assertThat(changes.size()).isEqualTo(8);
    assertThat(List.of(changes.getValue(0), changes.getValue(1))).containsExactly("svc", "pod-1");
    assertThat((Object[]) changes.getValue(2)).containsExactly("redis");
    assertThat((Object[]) changes.getValue(3)).containsExactly(at.toEpochMilli());
    assertThat((Object[]) changes.getValue(4)).as("from").containsExactly("ok");
    assertThat((Object[]) changes.getValue(5)).as("to").containsExactly("down");
    assertThat((Object[]) changes.getValue(6)).as("kind").containsExactly("refused");
    assertThat((Object[]) changes.getValue(7)).containsExactly("connection refused");

    Tuple states = tuples.states(List.of(new State("redis", "pending", null, null),
      new State("database", "ok", at, null)), at);
    assertThat(states.size()).isEqualTo(7);
    assertThat(List.of(states.getValue(0), states.getValue(1))).containsExactly("svc", "pod-1");
    assertThat(states.getValue(2)).isEqualTo(BatchWriter.time(at));
    assertThat((Object[]) states.getValue(3)).containsExactly("redis", "database");
    assertThat((Object[]) states.getValue(4)).containsExactly("pending", "ok");
    assertThat((Object[]) states.getValue(5)).containsExactly(null, at.toEpochMilli());
    assertThat((Object[]) states.getValue(6)).containsExactly(null, null);
  }
}
