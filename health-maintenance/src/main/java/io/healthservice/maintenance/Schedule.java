package io.healthservice.maintenance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** When a configured window is open: once, or every week on some days. */
public sealed interface Schedule permits Schedule.Once, Schedule.Weekly {

  /** The longest window (a one-off, a weekly occurrence or an ad hoc window): nothing is muted for longer. */
  Duration MAX_DURATION = Duration.ofDays(7);

  /** The occurrence open at {@code at} ({@code start <= at < end}), if any. */
  Optional<Occurrence> covering(Instant at);

  /** The first occurrence that starts after {@code after}, if any. */
  Optional<Occurrence> next(Instant after);

  /** One opening of a window. */
  record Occurrence(Instant start, Instant end) {
  }

  /** From {@code start} (inclusive) to {@code end} (exclusive). */
  record Once(Instant start, Instant end) implements Schedule {

    public Once {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("end must be after start");
      }
      if (Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException("a window lasts at most " + MAX_DURATION.toDays() + " days");
      }
    }

    @Override
    public Optional<Occurrence> covering(Instant at) {
      return !at.isBefore(start) && at.isBefore(end) ? Optional.of(new Occurrence(start, end)) : Optional.empty();
    }

    @Override
    public Optional<Occurrence> next(Instant after) {
      return start.isAfter(after) ? Optional.of(new Occurrence(start, end)) : Optional.empty();
    }
  }

  /**
   * Every week on {@code days} at the local time {@code at} in {@code zone}, for {@code duration} (elapsed
   * time: a 1 h window across a DST change is still 60 minutes). A start in a DST gap moves to after the gap;
   * in an overlap it takes the earlier offset, as {@link ZonedDateTime#of} does.
   */
  record Weekly(Set<DayOfWeek> days, LocalTime at, Duration duration, ZoneId zone) implements Schedule {

    public Weekly {
      days = Set.copyOf(EnumSet.copyOf(Objects.requireNonNull(days, "days")));
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(zone, "zone");
      if (days.isEmpty()) {
        throw new IllegalArgumentException("at least one day is needed");
      }
      if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException("duration must be positive and at most " + MAX_DURATION.toDays() + " days");
      }
    }

    @Override
    public Optional<Occurrence> covering(Instant instant) {
      LocalDate today = instant.atZone(zone).toLocalDate();
      // An occurrence lasts at most 7 days, so one that started 8 local days ago has ended.
      for (int back = 0; back <= 8; back++) {
        Optional<Occurrence> o = on(today.minusDays(back));
        if (o.isPresent() && !instant.isBefore(o.get().start()) && instant.isBefore(o.get().end())) {
          return o;
        }
      }
      return Optional.empty();
    }

    @Override
    public Optional<Occurrence> next(Instant after) {
      LocalDate today = after.atZone(zone).toLocalDate();
      for (int ahead = 0; ahead <= 8; ahead++) {
        Optional<Occurrence> o = on(today.plusDays(ahead));
        if (o.isPresent() && o.get().start().isAfter(after)) {
          return o;
        }
      }
      return Optional.empty();
    }

    private Optional<Occurrence> on(LocalDate date) {
      if (!days.contains(date.getDayOfWeek())) {
        return Optional.empty();
      }
      Instant start = ZonedDateTime.of(date, at, zone).toInstant();
      return Optional.of(new Occurrence(start, start.plus(duration)));
    }
  }
}
