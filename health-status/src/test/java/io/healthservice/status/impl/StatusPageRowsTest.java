package io.healthservice.status.impl;

import io.healthservice.CheckState;
import io.healthservice.CheckWarning;
import io.healthservice.DependencyGroup;
import io.healthservice.FailureKind;
import io.healthservice.HealthStatus;
import io.healthservice.status.HistoryStore;
import io.healthservice.status.MaintenanceView;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a viewer of {@code /status} reads, from hand-made checks: the order, the header, filters, pages, details
 * and maintenance. No server, no clock.
 */
class StatusPageRowsTest {

  static final Instant NOW = Instant.parse("2026-11-24T12:00:30Z");
  static final long NANOS = 5_000_000_000_000L;
  private static final Pattern ROW_ID = Pattern.compile("<li class=\"row [^\"]*\" id=\"check-([^\"]+)\"");

  static CheckState up(String name) {
    return new CheckState(name, CheckState.Reported.UP, null, null, 2, NOW, NANOS, 60_000_000_000L, 0, 1);
  }

  static CheckState down(String name) {
    return new CheckState(name, CheckState.Reported.DOWN, FailureKind.REFUSED, "connection refused", 2, NOW, NANOS,
      60_000_000_000L, 1, 0);
  }

  static CheckState pending(String name) {
    return CheckState.pending(name, 60_000_000_000L);
  }

  static StatusRow row(CheckState state, boolean critical) {
    return row(state, critical, RowContext.local(NANOS, NOW));
  }

  static StatusRow row(CheckState state, boolean critical, RowContext context) {
    return StatusRow.of(new DependencyGroup(state.name(), critical, List.of(state.name())), state, Optional.empty(), context);
  }

  static List<String> ids(String html) {
    List<String> ids = new ArrayList<>();
    Matcher m = ROW_ID.matcher(html);
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static String page(List<StatusRow> rows, PageQuery query, boolean details) {
    return StatusPage.render("svc", HealthStatus.ERROR, rows, query, details, "History: test.", NOW);
  }

  @Test
  void failingCriticalFirstThenFailingNonCriticalWarningsPendingUpByName() {
    List<StatusRow> rows = List.of(row(up("alpha"), true), row(down("bravo"), false), row(down("delta"), true),
      row(up("echo").withWarnings(List.of(new CheckWarning("sentinel_quorum", "sentinel quorum not reached"))), true),
      row(pending("foxtrot"), true), row(down("charlie"), true));
    String html = page(rows, PageQuery.DEFAULT, false);
    assertThat(ids(html)).containsExactly("charlie", "delta", "bravo", "echo", "foxtrot", "alpha");
    assertThat(html).contains("✕ Error: charlie, delta, bravo are down", "3 down, 1 warning, 1 pending, 1 up", "⚠ Warning");
  }

  @Test
  void theHeaderNamesFiveFailingChecksAndCountsTheRest() {
    List<StatusRow> rows = new ArrayList<>();
    for (int i = 1; i <= 7; i++) {
      rows.add(row(down("db" + i), true));
    }
    rows.add(row(up("redis"), true));
    assertThat(page(rows, PageQuery.DEFAULT, false)).contains("db1, db2, db3, db4, db5 and 2 more are down", "7 down, 1 up");
  }

  @Test
  void reasonsAndWarningsOnlyForViewersGrantedDetails() {
    List<StatusRow> rows = List.of(row(down("redis"), true),
      row(up("sentinel").withWarnings(List.of(new CheckWarning("sentinel_quorum", "sentinel quorum not reached"))), true));
    assertThat(page(rows, PageQuery.DEFAULT, false)).doesNotContain("refused", "quorum").contains("⚠ Warning");
    assertThat(page(rows, PageQuery.DEFAULT, true)).contains("<span class=\"reason\">connection refused</span>",
      "<span class=\"warning\">warning: sentinel quorum not reached</span>");
  }

  @Test
  void filtersByTextAndStateAndGroupsByKind() {
    Map<String, String> kinds = Map.of("redis-a", "redis", "redis-b", "redis", "orders-db", "postgres");
    RowContext context = new RowContext(NANOS, NOW, MaintenanceView.NONE, c -> Optional.ofNullable(kinds.get(c)), Optional.empty());
    List<StatusRow> rows = List.of(row(up("redis-a"), true, context), row(down("redis-b"), true, context),
      row(up("orders-db"), true, context));
    assertThat(ids(page(rows, new PageQuery("REDIS", "", "", 1), false))).containsExactly("redis-b", "redis-a");
    assertThat(ids(page(rows, new PageQuery("", "down", "", 1), false))).containsExactly("redis-b");
    assertThat(ids(page(rows, new PageQuery("postgres", "", "", 1), false))).as("by kind").containsExactly("orders-db");
    String grouped = page(rows, new PageQuery("", "", "kind", 1), false);
    assertThat(ids(grouped)).containsExactly("orders-db", "redis-b", "redis-a");
    assertThat(grouped).contains("<h2>Kind postgres</h2>", "<h2>Kind redis</h2>", "<option value=\"kind\" selected>");
    assertThat(page(rows, new PageQuery("nothing", "", "", 1), false)).contains("No check matches.");
    assertThat(page(rows, new PageQuery("<b>", "", "", 1), false)).contains("value=\"&lt;b&gt;\"").doesNotContain("<b>\"");
  }

  @Test
  void pagesOfAHundredWithTheFailingCheckOnPageOne() {
    List<StatusRow> rows = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      rows.add(row(up(String.format("c%03d", i)), true));
    }
    rows.add(row(down("zz-broken"), true));
    String first = page(rows, PageQuery.DEFAULT, false);
    assertThat(ids(first)).hasSize(100).startsWith("zz-broken", "c000");
    assertThat(first).contains("Page 1 of 3 (251 checks)", "<a rel=\"next\" href=\"?page=2\">").doesNotContain("rel=\"prev\"");
    String last = page(rows, new PageQuery("c", "", "", 3), false);
    assertThat(ids(last)).hasSize(50).startsWith("c200").endsWith("c249");
    assertThat(last).contains("<a rel=\"prev\" href=\"?q=c&amp;page=2\">").doesNotContain("rel=\"next\"");
  }

  @Test
  void failingChecksComeFirstAndPastAHundredGoOnToPageTwo() {
    List<StatusRow> rows = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      rows.add(row(down(String.format("d%03d", i)), false));
      rows.add(row(up(String.format("u%03d", i)), true));
    }
    List<String> first = ids(page(rows, PageQuery.DEFAULT, false));
    assertThat(first).hasSize(100).allMatch(id -> id.startsWith("d"));
    List<String> second = ids(page(rows, new PageQuery("", "", "", 2), false));
    assertThat(second).hasSize(100).startsWith("d100").contains("d149", "u000");
    assertThat(second.indexOf("d149")).isLessThan(second.indexOf("u000"));
  }

  @Test
  void aCheckInAMaintenanceWindowIsMarked() {
    RowContext context = new RowContext(NANOS, NOW, (check, at) -> check.equals("db") ? Optional.of("db upgrade")
      : Optional.empty(), c -> Optional.empty(), Optional.empty());
    String html = page(List.of(row(down("db"), true, context), row(up("redis"), true, context)), PageQuery.DEFAULT, false);
    assertThat(html).contains("<span class=\"maint\">🔧 Maintenance: db upgrade</span>", "low blue = maintenance");
    assertThat(html.indexOf("🔧")).isLessThan(html.indexOf("id=\"check-redis\""));
  }

  @Test
  void theLegendSaysLatencyLeavesOutTheFirstRun() {
    assertThat(page(List.of(), PageQuery.DEFAULT, false)).contains("leaving out each check's first run after start");
  }

  /** 5,000 checks that flapped all day (every ten minutes), one in {@code downEvery} down now, with reasons. */
  private static List<StatusRow> fiveThousandFlapping(int downEvery) {
    long nowMinute = NOW.getEpochSecond() / 60;
    List<MinuteBucket> flapping = new ArrayList<>();
    for (long m = nowMinute - 1439; m < nowMinute; m++) {
      // Down and up in alternate wall-clock periods all day: the costliest bar (a dash per period).
      boolean down = (m / 10) % 2 == 0;
      flapping.add(new MinuteBucket(m, 6, down ? 6 : 0, 0, 1, 9, 30, 6, down ? 0 : 60_000, down ? 60_000 : 0, 0));
    }
    List<Transition> transitions = new ArrayList<>();
    for (int i = 0; i < HealthHistory.RETAINED_TRANSITIONS; i++) {
      transitions.add(new Transition(NOW.minusSeconds(600L * i), i % 2 == 0 ? "down" : "ok", i % 2 == 0 ? "ok" : "down",
        i % 2 == 0 ? null : FailureKind.REFUSED, i % 2 == 0 ? null : "connection refused"));
    }
    // One day of buckets, packed once: the checks share it as checks share their closed buckets between snapshots.
    CheckHistory day = CheckHistory.of("tcp", "ok", NOW.minusSeconds(5), flapping, transitions);
    List<StatusRow> rows = new ArrayList<>();
    RowContext context = RowContext.local(NANOS, NOW);
    for (int i = 0; i < 5_000; i++) {
      String name = "tcp-" + i;
      CheckState state = i % downEvery == 7 ? down(name) : up(name);
      CheckHistory history = new CheckHistory(name, state.reported() == CheckState.Reported.UP ? "ok" : "down",
        NOW.minusSeconds(5), day.minuteTier(), day.periodTier(), transitions);
      rows.add(StatusRow.of(new DependencyGroup(name, true, List.of(name)), state, Optional.of(history), context));
    }
    return rows;
  }

  @Test
  void evenTwoHundredFailingChecksFlappingAllDayKeepPageOneUnder300Kb() {
    String html = page(fiveThousandFlapping(25), PageQuery.DEFAULT, true);
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;
    System.out.printf("5,000 flapping checks, 200 down: first page %d bytes%n", bytes);
    assertThat(bytes).isLessThanOrEqualTo(300_000);
    assertThat(ids(html)).hasSize(PageRows.PAGE_SIZE).allMatch(id -> Integer.parseInt(id.substring(4)) % 25 == 7);
    assertThat(html).contains("and 195 more are down", "Page 1 of 50");
  }

  @Test
  void fiveThousandChecksFirstPaintIsUnder300KbEvenWhenTheyFlap() {
    List<StatusRow> rows = fiveThousandFlapping(1_000);
    page(rows, PageQuery.DEFAULT, true); // warm-up: the JIT
    long started = System.nanoTime();
    String html = page(rows, PageQuery.DEFAULT, true);
    long ms = (System.nanoTime() - started) / 1_000_000;
    long filterStarted = System.nanoTime();
    assertThat(ids(page(rows, new PageQuery("tcp-499", "", "", 1), false))).hasSize(11);
    System.out.printf("5,000 checks filtered: %d ms%n", (System.nanoTime() - filterStarted) / 1_000_000);
    int bytes = html.getBytes(StandardCharsets.UTF_8).length;
    System.out.printf("5,000 flapping checks: first page %d bytes, rendered in %d ms%n", bytes, ms);
    assertThat(bytes).isLessThanOrEqualTo(300_000);
    assertThat(ids(html)).hasSize(100).startsWith("tcp-1007", "tcp-2007", "tcp-3007", "tcp-4007", "tcp-7");
    assertThat(html).contains("tcp-1007, tcp-2007, tcp-3007, tcp-4007, tcp-7 are down", "Page 1 of 50 (5000 checks)");
  }

  @Test
  void theFleetShowsReplicasThatDisagreeItsUptimeAndBars() {
    List<Double> bars = new ArrayList<>();
    for (int i = 0; i < StatusSvg.SEGMENTS; i++) {
      bars.add(i < 6 ? -2.0 : i == 100 ? 0.5 : 0.0);
    }
    HistoryStore.FleetCheck redis = new HistoryStore.FleetCheck(Map.of("a", "ok", "b", "down", "c", "down"),
      Map.of("1h", 66.6, "24h", 99.5, "7d", 99.9, "30d", 99.95), bars, 3.2, List.of());
    HistoryStore.Fleet fleet = new HistoryStore.Fleet(NOW, Map.of("a", NOW, "b", NOW, "c", NOW), Map.of("redis", redis));
    RowContext context = new RowContext(NANOS, NOW, MaintenanceView.NONE, c -> Optional.empty(), Optional.of(fleet));
    String html = page(List.of(row(up("redis"), true, context), row(up("db"), true, context)), PageQuery.DEFAULT, false);
    assertThat(ids(html)).as("down on other replicas: failing").containsExactly("redis", "db");
    assertThat(html).contains("<span class=\"fleet\">down on b, c of 3 replicas</span>", "<b class=\"up24h\">99.50 %</b>",
      "7 d <b>99.90 %</b>", "90 d <b>no data</b>", "<path class=\"t-maint\" d=\"M0 19.0h144\" stroke-width=\"6\" stroke-dasharray=\"6 138\"", "class=\"t-part\"",
      "<b class=\"lat\">3.2 ms</b>");
  }
}
