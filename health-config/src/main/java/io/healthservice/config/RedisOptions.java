package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.RedisTopology;
import io.healthservice.checks.Target;

import java.util.Objects;

/**
 * A {@code type: redis} check ({@code checks.redis} by default). Prints without secrets: {@link Target} and
 * {@link RedisTopology} mask their own.
 *
 * @param name     the key under {@code checks:}
 * @param target   every server URL (comma-separated) with the password and CA that go with them
 * @param topology standalone, sentinel or cluster, with the URLs to start from
 * @param settings schedule, time budget and damping
 * @param expectWritable a node refusing writes is down (else a warning)
 */
public record RedisOptions(String name, Target target, RedisTopology topology, CheckSettings settings,
                           boolean expectWritable)
  implements CheckOptions {

  public RedisOptions {
    Objects.requireNonNull(name);
    Objects.requireNonNull(target);
    Objects.requireNonNull(topology);
    Objects.requireNonNull(settings);
  }

  @Override
  public String type() {
    return "redis";
  }
}
