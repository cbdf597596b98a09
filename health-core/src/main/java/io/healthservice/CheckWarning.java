package io.healthservice;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A condition a run noticed that does not fail it but that an operator should see: a Redis replica that
 * refuses writes, a Sentinel set without quorum.
 *
 * @param code stable lower_snake_case ({@code replica}, {@code sentinel_quorum}): the {@code warning} label of
 *             the {@code health_check_warning} metric, so one alert rule can single it out
 * @param text what {@code ?verbose} and the status page show; built from protocol words, never a server's
 *             message or a secret
 */
public record CheckWarning(String code, String text) {

  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public CheckWarning {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(text, "text");
    if (!CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("warning code must be lower_snake_case: " + code);
    }
  }
}
