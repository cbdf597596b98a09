package io.healthservice.nats;

import io.healthservice.kit.Target;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@code nats} check connects: the URL ({@code nats://[user:password@]host:4222}, a password from a file
 * overriding the URL's) and an optional token. Prints without secrets.
 */
public record NatsTarget(Target target, Optional<String> token) {

  public NatsTarget {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(token, "token");
  }

  @Override
  public String toString() {
    return "NatsTarget[" + target + (token.isPresent() ? ", token=***" : "") + "]";
  }
}
