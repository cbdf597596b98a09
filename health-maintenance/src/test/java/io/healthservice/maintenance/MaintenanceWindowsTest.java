package io.healthservice.maintenance;

import io.healthservice.support.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which window covers which check when, on a fake clock (FakeClock.START is Tuesday 2026-11-24 08:00 UTC). */
class MaintenanceWindowsTest {

  private final FakeClock clock = new FakeClock();
  private final Instant t0 = FakeClock.START;

  private static MaintenanceWindow once(String name, List<String> checks, Instant start, Instant end) {
    return new MaintenanceWindow(name, checks, Optional.empty(), new Schedule.Once(start, end));
  }

  @Test
  void aOneOffWindowCoversItsChecksFromStartToEnd() {
    MaintenanceWindows windows = MaintenanceWindows.create(clock, List.of(
      once("db-upgrade", List.of("database"), t0.plusSeconds(3600), t0.plusSeconds(7200))));
    assertThat(windows.windowFor("database", t0)).isEmpty();
    assertThat(windows.windowFor("database", t0.plusSeconds(3600))).contains("db-upgrade");
    assertThat(windows.windowFor("database", t0.plusSeconds(7199))).contains("db-upgrade");
    assertThat(windows.windowFor("database", t0.plusSeconds(7200))).isEmpty();
    assertThat(windows.windowFor("redis", t0.plusSeconds(5000))).as("another check").isEmpty();
    assertThat(windows.active(t0.plusSeconds(5000))).singleElement()
      .satisfies(w -> assertThat(w.checks()).containsExactly("database"));
  }

  @Test
  void aWindowWithoutChecksCoversEveryCheck() {
    MaintenanceWindows windows = MaintenanceWindows.create(clock, List.of(
      once("all", List.of(), t0, t0.plusSeconds(60))));
    assertThat(windows.windowFor("database", t0)).contains("all");
    assertThat(windows.windowFor("anything", t0.plusSeconds(59))).contains("all");
  }

  @Test
  void aWeeklyWindowFollowsTheLocalTimeAcrossDaylightSavingChanges() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    MaintenanceWindows windows = MaintenanceWindows.create(clock, List.of(new MaintenanceWindow("patching", List.of(),
      Optional.of("OS patches"), new Schedule.Weekly(Set.of(DayOfWeek.SUNDAY), LocalTime.of(3, 0), Duration.ofHours(1),
        berlin))));
    // Winter (CET, +01:00): 03:00 local is 02:00 UTC.
    assertThat(windows.windowFor("x", Instant.parse("2027-03-21T02:00:00Z"))).contains("patching");
    assertThat(windows.windowFor("x", Instant.parse("2027-03-21T01:59:59Z"))).isEmpty();
    assertThat(windows.windowFor("x", Instant.parse("2027-03-21T03:00:00Z"))).isEmpty();
    // The next Sunday is summer time (CEST, +02:00): 03:00 local is 01:00 UTC, and it still lasts one hour.
    assertThat(windows.windowFor("x", Instant.parse("2027-03-28T01:00:00Z"))).contains("patching");
    assertThat(windows.windowFor("x", Instant.parse("2027-03-28T01:59:59Z"))).contains("patching");
    assertThat(windows.windowFor("x", Instant.parse("2027-03-28T02:00:00Z"))).isEmpty();
    assertThat(windows.windowFor("x", Instant.parse("2027-03-24T02:00:00Z"))).as("a Wednesday").isEmpty();
    assertThat(windows.upcoming(Instant.parse("2027-03-22T00:00:00Z"), Duration.ofDays(7))).singleElement()
      .satisfies(w -> assertThat(w.start()).isEqualTo(Instant.parse("2027-03-28T01:00:00Z")));
  }

  @Test
  void aWeeklyStartInTheSpringGapMovesPastItAndOneInTheAutumnOverlapTakesTheEarlierOffset() {
    Schedule.Weekly at0230 = new Schedule.Weekly(Set.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30), Duration.ofMinutes(30),
      ZoneId.of("Europe/Berlin"));
    // 2027-03-28 02:30 does not exist in Berlin: 03:30 CEST = 01:30 UTC.
    assertThat(at0230.covering(Instant.parse("2027-03-28T01:45:00Z"))).get()
      .satisfies(o -> assertThat(o.start()).isEqualTo(Instant.parse("2027-03-28T01:30:00Z")));
    // 2027-10-31 02:30 happens twice: the first (CEST) is 00:30 UTC.
    assertThat(at0230.covering(Instant.parse("2027-10-31T00:30:00Z"))).isPresent();
    assertThat(at0230.covering(Instant.parse("2027-10-31T01:30:00Z"))).isEmpty();
  }

  @Test
  void anAdHocWindowOpensNowAndClosesWhenEndedOrWhenItsDurationIsOver() {
    MaintenanceWindows windows = MaintenanceWindows.create(clock, List.of());
    List<String> events = new ArrayList<>();
    windows.listen(new MaintenanceWindows.Listener() {
      @Override
      public void started(ActiveWindow w) {
        events.add("started " + w.name());
      }

      @Override
      public void ended(ActiveWindow w) {
        events.add("ended " + w.name() + " after " + Duration.between(w.start(), w.end()).toMinutes() + "m");
      }
    });
    ActiveWindow deploy = windows.start(List.of("redis"), Duration.ofMinutes(30), "deploy", Optional.of("release 4.2"));
    assertThat(deploy.id()).matches("[0-9a-f]{12}");
    assertThat(windows.windowFor("redis", clock.now())).contains("deploy");
    assertThat(windows.windowFor("database", clock.now())).isEmpty();
    clock.advance(Duration.ofMinutes(10).toMillis());
    assertThat(windows.end(deploy.id())).isTrue();
    assertThat(windows.end(deploy.id())).as("already ended").isFalse();
    assertThat(windows.windowFor("redis", clock.now())).isEmpty();
    assertThat(windows.windowFor("redis", clock.now().minusSeconds(60))).as("the past still knows it").contains("deploy");

    windows.start(List.of(), Duration.ofMinutes(5), "short", Optional.empty());
    clock.advance(Duration.ofMinutes(5).toMillis() + 10);
    assertThat(windows.active(clock.now())).isEmpty();
    assertThat(events).containsExactly("started deploy", "ended deploy after 10m", "started short", "ended short after 5m");
  }

  @Test
  void listenersAreToldWhenAConfiguredWindowOpensAndCloses() {
    MaintenanceWindows windows = MaintenanceWindows.create(clock, List.of(
      once("night", List.of(), t0.plusSeconds(90 * 60), t0.plusSeconds(150 * 60))));
    List<String> events = new ArrayList<>();
    windows.listen(new MaintenanceWindows.Listener() {
      @Override
      public void started(ActiveWindow w) {
        events.add(clock.elapsedMs() / 60_000 + " started " + w.name());
      }

      @Override
      public void ended(ActiveWindow w) {
        events.add(clock.elapsedMs() / 60_000 + " ended " + w.name());
      }
    });
    clock.advance(Duration.ofHours(3).toMillis());
    assertThat(events).containsExactly("90 started night", "150 ended night");
    windows.close();
    assertThat(clock.pendingTimers()).isZero();
  }

  @Test
  void adHocWindowsAreBoundedInNumberAndDuration() {
    MaintenanceWindows windows = MaintenanceWindows.create(clock, List.of());
    assertThatThrownBy(() -> windows.start(List.of(), Duration.ofDays(8), "long", Optional.empty()))
      .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7 days");
    assertThatThrownBy(() -> windows.start(List.of(), Duration.ZERO, "none", Optional.empty()))
      .isInstanceOf(IllegalArgumentException.class);
    for (int i = 0; i < MaintenanceWindows.MAX_AD_HOC; i++) {
      windows.start(List.of(), Duration.ofMinutes(1), "w" + i, Optional.empty());
    }
    assertThatThrownBy(() -> windows.start(List.of(), Duration.ofMinutes(1), "one-more", Optional.empty()))
      .isInstanceOf(IllegalStateException.class);
    clock.advance(Duration.ofMinutes(1).toMillis());
    windows.start(List.of(), Duration.ofMinutes(1), "after-expiry", Optional.empty());
    assertThat(windows.active(clock.now())).hasSize(1);
  }

  @Test
  void configuredWindowsAreChecked() {
    assertThatThrownBy(() -> new Schedule.Once(t0, t0)).hasMessageContaining("after start");
    assertThatThrownBy(() -> new Schedule.Once(t0, t0.plus(Duration.ofDays(8)))).hasMessageContaining("7 days");
    assertThatThrownBy(() -> once("bad name!", List.of(), t0, t0.plusSeconds(1))).hasMessageContaining("name");
    assertThatThrownBy(() -> MaintenanceWindows.create(clock, List.of(once("a", List.of(), t0, t0.plusSeconds(1)),
      once("a", List.of(), t0, t0.plusSeconds(2))))).hasMessageContaining("two windows");
  }
}
