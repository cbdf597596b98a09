package io.healthservice.impl.http;

import java.util.Objects;

/**
 * What every response says about this process: its name, its version and when it started.
 *
 * @param startedNanos the probes' monotonic clock at start ({@link System#nanoTime()} by default), for {@code uptime}
 */
public record ServiceIdentity(String service, String version, long startedNanos) {

  public ServiceIdentity {
    Objects.requireNonNull(service);
    Objects.requireNonNull(version);
  }
}
