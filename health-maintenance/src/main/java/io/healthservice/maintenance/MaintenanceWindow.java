package io.healthservice.maintenance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A window declared in the configuration.
 *
 * @param name     what alerts and the page call it ({@code maintenance="<name>"}): 1-64 letters, digits, '.', '_', '-'
 * @param checks   the checks it covers; empty: every check (a global window)
 * @param reason   why, for people granted details; may be empty
 * @param schedule when it is open
 */
public record MaintenanceWindow(String name, List<String> checks, Optional<String> reason, Schedule schedule) {

  /** A name that is also a valid Alertmanager label value and URL segment without escaping. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  /** The longest reason kept. */
  public static final int MAX_REASON = 200;

  public MaintenanceWindow {
    Objects.requireNonNull(name, "name");
    checks = List.copyOf(checks);
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(schedule, "schedule");
    String problem = nameProblem(name);
    if (problem != null) {
      throw new IllegalArgumentException("name " + problem);
    }
    reason.map(MaintenanceWindow::reasonProblem).ifPresent(p -> {
      throw new IllegalArgumentException("reason " + p);
    });
  }

  /** Why {@code name} cannot name a window, or null when it can. */
  public static String nameProblem(String name) {
    return NAME.matcher(name).matches() ? null : "must be 1-64 letters, digits, '.', '_' or '-'";
  }

  /** Why {@code reason} cannot be kept, or null when it can. */
  public static String reasonProblem(String reason) {
    if (reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl)) {
      return "must be at most " + MAX_REASON + " printable characters";
    }
    return null;
  }

  /** Whether this window covers {@code check}. */
  public boolean covers(String check) {
    return checks.isEmpty() || checks.contains(check);
  }
}
