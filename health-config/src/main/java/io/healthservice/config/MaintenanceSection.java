package io.healthservice.config;

import io.healthservice.maintenance.MaintenanceWindow;
import io.healthservice.maintenance.Schedule;
import io.healthservice.spi.CheckDefinition;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code maintenance.windows}: each a name, the checks it covers (none: all), an optional reason, and
 * either {@code start}/{@code end} (ISO-8601 with an offset) or a weekly {@code schedule} ({@code days},
 * {@code at}, {@code duration}, {@code time_zone}). Every error names the window's key.
 */
final class MaintenanceSection {

  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(m|h|d)");

  private MaintenanceSection() {
  }

  static List<MaintenanceWindow> read(TypedReader maintenance, List<CheckDefinition> checks) {
    maintenance.allowOnly(Set.of("windows"));
    // A name a window may give, and the checks it covers: a group's name covers its members (the lookups are by
    // member), so "llm_services" mutes every LLM endpoint rather than none.
    Map<String, List<String>> known = new HashMap<>();
    checks.forEach(c -> {
      known.put(c.name(), c.checkNames());
      c.checkNames().forEach(member -> known.put(member, List.of(member)));
    });
    if (known.containsKey("maintenance")) {
      // Windows or not, the endpoint takes the path that check's probe would have.
      throw new ConfigException("checks.maintenance", "is reserved (/health/maintenance is the maintenance endpoint)");
    }
    Object raw = maintenance.raw("windows");
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray list)) {
      throw maintenance.error("windows", "must be a list of windows");
    }
    List<MaintenanceWindow> windows = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String path = maintenance.key("windows") + "[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject entry)) {
        throw new ConfigException(path, "must be a mapping (name, checks, start and end or schedule, reason)");
      }
      MaintenanceWindow window = window(maintenance.element(entry, path), known);
      if (!names.add(window.name())) {
        throw new ConfigException(path + ".name", "another window is called " + window.name());
      }
      windows.add(window);
    }
    return List.copyOf(windows);
  }

  private static MaintenanceWindow window(TypedReader node, Map<String, List<String>> known) {
    node.allowOnly(Set.of("name", "checks", "start", "end", "schedule", "reason"));
    String name = node.string("name", null);
    if (name == null || MaintenanceWindow.nameProblem(name) != null) {
      throw node.error("name", "is required: 1-64 letters, digits, '.', '_' or '-'");
    }
    List<String> checks = new ArrayList<>();
    for (Object check : list(node, "checks")) {
      if (!(check instanceof String c) || !known.containsKey(c)) {
        throw node.error("checks", "names no configured check: " + TypedReader.printable(String.valueOf(check)));
      }
      known.get(c).stream().filter(member -> !checks.contains(member)).forEach(checks::add);
    }
    Optional<String> reason = Optional.ofNullable(node.string("reason", null));
    reason.map(MaintenanceWindow::reasonProblem).ifPresent(p -> {
      throw node.error("reason", p);
    });
    return new MaintenanceWindow(name, checks, reason, schedule(node));
  }

  private static Schedule schedule(TypedReader node) {
    boolean once = node.has("start") || node.has("end");
    if (node.has("schedule") && once) {
      throw node.error("schedule", "give either start and end, or a schedule, not both");
    }
    if (!node.has("schedule") && !once) {
      throw new ConfigException(node.path(), "needs start and end, or a schedule");
    }
    if (once) {
      Instant start = instant(node, "start");
      Instant end = instant(node, "end");
      if (!end.isAfter(start)) {
        throw node.error("end", "must be after start");
      }
      if (Duration.between(start, end).compareTo(Schedule.MAX_DURATION) > 0) {
        throw node.error("end", "a window lasts at most " + Schedule.MAX_DURATION.toDays() + " days");
      }
      return new Schedule.Once(start, end);
    }
    TypedReader weekly = node.section("schedule");
    weekly.allowOnly(Set.of("days", "at", "duration", "time_zone"));
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (Object day : list(weekly, "days")) {
      days.add(day(weekly, String.valueOf(day)));
    }
    if (days.isEmpty()) {
      throw weekly.error("days", "is required: a list such as [sat, sun]");
    }
    if (!(weekly.raw("at") instanceof String at)) {
      throw weekly.error("at", "is required: a quoted local time such as \"03:00\"");
    }
    LocalTime time;
    try {
      time = LocalTime.parse(at.trim());
    } catch (DateTimeException e) {
      throw weekly.error("at", "must be a local time such as \"03:00\", got \"" + TypedReader.printable(at) + "\"");
    }
    return new Schedule.Weekly(days, time, duration(weekly), zone(weekly));
  }

  private static Instant instant(TypedReader node, String key) {
    // A YAML reader other than the service's (an embedder's tree) may already have made the time a date.
    Object raw = node.raw(key);
    if (raw instanceof java.util.Date date) {
      return date.toInstant();
    }
    if (raw instanceof Instant instant) {
      return instant;
    }
    String text = node.string(key, null);
    if (text == null) {
      throw node.error(key, "is required with " + (key.equals("start") ? "end" : "start"));
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw node.error(key, "must be an ISO-8601 time with an offset, such as 2026-12-12T02:00:00+01:00");
    }
  }

  private static Duration duration(TypedReader weekly) {
    String text = weekly.string("duration", "").toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw weekly.error("duration", "is required: a duration such as 90m, 2h or 1d");
    }
    long amount = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    if (d.isZero() || d.compareTo(Schedule.MAX_DURATION) > 0) {
      throw weekly.error("duration", "must be more than zero and at most " + Schedule.MAX_DURATION.toDays() + "d");
    }
    return d;
  }

  private static ZoneId zone(TypedReader weekly) {
    String text = weekly.string("time_zone", null);
    if (text == null) {
      throw weekly.error("time_zone", "is required: an IANA zone such as Europe/Berlin or UTC");
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw weekly.error("time_zone", "is not an IANA time zone: \"" + TypedReader.printable(text) + "\"");
    }
  }

  private static DayOfWeek day(TypedReader weekly, String text) {
    String day = text.trim().toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      if (day.equals(full) || day.equals(full.substring(0, 3))) {
        return d;
      }
    }
    throw weekly.error("days", "unknown day \"" + TypedReader.printable(text) + "\" (mon, tue, ... sun)");
  }

  private static JsonArray list(TypedReader node, String key) {
    Object value = node.raw(key);
    if (value == null) {
      return new JsonArray();
    }
    if (!(value instanceof JsonArray array)) {
      throw node.error(key, "must be a list");
    }
    return array;
  }
}
