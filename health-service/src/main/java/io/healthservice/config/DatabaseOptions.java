package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.Target;

import java.util.Objects;

/**
 * The {@code checks.database} section. Prints without secrets: {@link Target} masks its own.
 *
 * @param target         the URL with the password and CA that go with it
 * @param settings       schedule, time budget and damping
 * @param mustBeWritable report the database down when it is a read-only server or a replica in recovery
 */
public record DatabaseOptions(Target target, CheckSettings settings, boolean mustBeWritable) {

  public DatabaseOptions {
    Objects.requireNonNull(target);
    Objects.requireNonNull(settings);
  }
}
