package io.healthservice.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One opening of a window: a configured window's occurrence or an ad hoc window.
 *
 * @param id     the configured window's name, or the ad hoc window's id (what {@code DELETE} takes)
 * @param name   the name alerts and the page show
 * @param checks the checks it covers; empty: every check
 * @param start  when it opens
 * @param end    when it closes (an ad hoc window ended early: when it was ended)
 * @param reason why, for people granted details
 * @param adHoc  started through the endpoint rather than declared in the configuration
 */
public record ActiveWindow(String id, String name, List<String> checks, Instant start, Instant end,
                           Optional<String> reason, boolean adHoc) {

  public ActiveWindow {
    Objects.requireNonNull(id);
    Objects.requireNonNull(name);
    checks = List.copyOf(checks);
    Objects.requireNonNull(start);
    Objects.requireNonNull(end);
    Objects.requireNonNull(reason);
  }

  /** Whether it covers {@code check}. */
  public boolean covers(String check) {
    return checks.isEmpty() || checks.contains(check);
  }

  /** Whether it is open at {@code at}. */
  public boolean openAt(Instant at) {
    return !at.isBefore(start) && at.isBefore(end);
  }
}
