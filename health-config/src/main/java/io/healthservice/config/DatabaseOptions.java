package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.Target;

import java.util.Objects;

/**
 * A {@code type: postgres} check ({@code checks.database} by default). Prints without secrets: {@link Target}
 * masks its own.
 *
 * @param name           the key under {@code checks:}
 * @param target         the URL with the password and CA that go with it
 * @param settings       schedule, time budget and damping
 * @param mustBeWritable report the database down when it is a read-only server or a replica in recovery
 */
public record DatabaseOptions(String name, Target target, CheckSettings settings, boolean mustBeWritable)
  implements CheckOptions {

  public DatabaseOptions {
    Objects.requireNonNull(name);
    Objects.requireNonNull(target);
    Objects.requireNonNull(settings);
  }

  @Override
  public String type() {
    return "postgres";
  }
}
