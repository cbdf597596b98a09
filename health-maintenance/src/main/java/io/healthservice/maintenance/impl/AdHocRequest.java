package io.healthservice.maintenance.impl;

import io.healthservice.maintenance.MaintenanceWindow;
import io.healthservice.maintenance.Schedule;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /health/maintenance}: {@code {"checks": [...], "duration": "30m", "reason": "...",
 * "name": "..."}}, every field optional (no checks: all; no duration: until ended, at most 7 days). A bad
 * body is a {@link Invalid} naming the field.
 */
public record AdHocRequest(List<String> checks, Duration duration, String name, Optional<String> reason) {

  /** The name of an ad hoc window that was given none. */
  public static final String DEFAULT_NAME = "ad-hoc";
  private static final Set<String> FIELDS = Set.of("checks", "duration", "reason", "name");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,6})(s|m|h|d)");

  /** A body that cannot be taken; {@code field} is what is wrong ({@code body} for the whole). */
  public static final class Invalid extends RuntimeException {
    public final String field;

    Invalid(String field, String problem) {
      super(field + ": " + problem, null, false, false);
      this.field = field;
    }
  }

  public static AdHocRequest parse(String text, Predicate<String> knownCheck) {
    JsonObject body;
    try {
      body = text == null || text.isBlank() ? new JsonObject() : new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new Invalid("body", "must be a JSON object");
    }
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new Invalid(field, "unknown field (allowed: checks, duration, name, reason)");
      }
    }
    return new AdHocRequest(checks(body, knownCheck), duration(body), name(body), reason(body));
  }

  private static List<String> checks(JsonObject body, Predicate<String> knownCheck) {
    if (!body.containsKey("checks")) {
      return List.of(); // every check: said by leaving the field out, never by an empty or null list
    }
    Object value = body.getValue("checks");
    if (!(value instanceof JsonArray array) || array.isEmpty() || array.size() > 1000) {
      throw new Invalid("checks", "must be a non-empty list of check names (leave it out to cover every check)");
    }
    List<String> checks = new ArrayList<>();
    for (Object item : array) {
      if (!(item instanceof String check) || !knownCheck.test(check)) {
        throw new Invalid("checks", "names no check of this service: " + printable(String.valueOf(item)));
      }
      checks.add(check);
    }
    return List.copyOf(checks);
  }

  private static Duration duration(JsonObject body) {
    Object value = body.getValue("duration");
    if (value == null) {
      return Schedule.MAX_DURATION;
    }
    Matcher m = DURATION.matcher(String.valueOf(value).trim().toLowerCase(Locale.ROOT));
    if (!(value instanceof String) || !m.matches()) {
      throw new Invalid("duration", "must be a duration such as 90s, 30m, 2h or 1d");
    }
    long amount = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    if (d.isZero() || d.compareTo(Schedule.MAX_DURATION) > 0) {
      throw new Invalid("duration", "must be more than zero and at most " + Schedule.MAX_DURATION.toDays() + "d");
    }
    return d;
  }

  private static String name(JsonObject body) {
    Object value = body.getValue("name");
    if (value == null) {
      return DEFAULT_NAME;
    }
    if (!(value instanceof String name) || MaintenanceWindow.nameProblem(name) != null) {
      throw new Invalid("name", "must be 1-64 letters, digits, '.', '_' or '-'");
    }
    return name;
  }

  private static Optional<String> reason(JsonObject body) {
    Object value = body.getValue("reason");
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String reason) || MaintenanceWindow.reasonProblem(reason) != null) {
      throw new Invalid("reason", "must be text of at most " + MaintenanceWindow.MAX_REASON + " printable characters");
    }
    return Optional.of(reason);
  }

  private static String printable(String value) {
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
  }
}
