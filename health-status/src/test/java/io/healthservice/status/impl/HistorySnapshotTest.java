package io.healthservice.status.impl;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishing a snapshot: changed histories replace or join, a removed one leaves, and a published snapshot never changes. */
class HistorySnapshotTest {

  private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");

  private static CheckHistory history(String name, String state) {
    return CheckHistory.of(name, state, AT, List.of(), List.of());
  }

  @Test
  void changedHistoriesReplaceOrJoinAndEarlierSnapshotsStayAsTheyWere() {
    HistorySnapshot first = HistorySnapshot.EMPTY.with(Map.of("a", history("a", "ok"), "b", history("b", "ok")));
    HistorySnapshot second = first.with(Map.of("b", history("b", "down"), "c", history("c", "pending")));
    assertThat(second.checks()).containsOnlyKeys("a", "b", "c");
    assertThat(second.check("b").orElseThrow().state()).isEqualTo("down");
    assertThat(second.check("a")).containsSame(first.check("a").orElseThrow());
    assertThat(first.checks()).containsOnlyKeys("a", "b");
    assertThat(first.check("b").orElseThrow().state()).isEqualTo("ok");
    assertThat(first.check("c")).isEmpty();
    assertThat(HistorySnapshot.EMPTY.checks()).isEmpty();
  }

  @Test
  void aRemovedCheckLeavesAndTheOthersKeepTheirHistories() {
    HistorySnapshot all = HistorySnapshot.EMPTY.with(Map.of("a", history("a", "ok"), "b", history("b", "down"),
      "c", history("c", "ok")));
    HistorySnapshot without = all.without("b");
    assertThat(without.checks()).containsOnlyKeys("a", "c");
    assertThat(without.check("b")).isEmpty();
    assertThat(without.check("c")).containsSame(all.check("c").orElseThrow());
    assertThat(without.without("nothing")).isSameAs(without);
    HistorySnapshot back = without.with(Map.of("b", history("b", "ok")));
    assertThat(back.checks()).containsOnlyKeys("a", "b", "c");
    assertThat(back.check("b").orElseThrow().state()).isEqualTo("ok");
    assertThat(all.check("b").orElseThrow().state()).isEqualTo("down");
  }
}
