package io.healthservice.config;

import io.healthservice.CheckSettings;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The keys every check takes: how often it runs, its time budget and how it damps flapping. */
final class CheckSettingsReader {

  private static final Set<String> KEYS =
    Set.of("critical", "interval", "timeout", "max_age", "failure_threshold", "success_threshold",
      "certificate_warning_days", "warn_after");

  private CheckSettingsReader() {
  }

  /** The keys a check section allows: the common ones plus its own. */
  static Set<String> withSettings(String... own) {
    Set<String> keys = new HashSet<>(KEYS);
    keys.addAll(List.of(own));
    return keys;
  }

  static CheckSettings read(TypedReader node, boolean critical, Duration interval, Duration timeout) {
    boolean isCritical = node.bool("critical", critical);
    Duration every = node.duration("interval", interval, false);
    Duration budget = node.duration("timeout", timeout, false);
    Duration maxAge = node.duration("max_age", CheckSettings.defaultMaxAge(every, budget), false);
    int failures = node.integer("failure_threshold", 1);
    if (failures < 1 || failures > 100) {
      throw node.error("failure_threshold", "must be between 1 and 100, got " + failures);
    }
    int successes = node.integer("success_threshold", 1);
    if (successes < 1 || successes > 100) {
      throw node.error("success_threshold", "must be between 1 and 100, got " + successes);
    }
    // Days, not a duration: durations here stop at an hour, certificates live for months. 0: never warn.
    int warnDays = node.integer("certificate_warning_days", (int) CheckSettings.DEFAULT_CERTIFICATE_WARNING.toDays());
    if (warnDays < 0 || warnDays > 365) {
      throw node.error("certificate_warning_days", "must be between 0 and 365, got " + warnDays);
    }
    Duration warnAfter = node.duration("warn_after", null, false);
    if (warnAfter != null && warnAfter.compareTo(budget) >= 0) {
      throw node.error("warn_after", "must be less than the timeout (" + budget.toMillis() + " ms): a slower run fails");
    }
    return new CheckSettings(isCritical, every, budget, maxAge, failures, successes, Duration.ofDays(warnDays), warnAfter);
  }

}
