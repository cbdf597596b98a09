package io.healthservice.config;

import io.healthservice.CheckSettings;
import io.healthservice.checks.RedisTopology;
import io.healthservice.checks.Target;

import java.util.Objects;

/**
 * The {@code checks.redis} section. Prints without secrets: {@link Target} and {@link RedisTopology} mask their own.
 *
 * @param target   every server URL (comma-separated) with the password and CA that go with them
 * @param topology standalone, sentinel or cluster, with the URLs to start from
 * @param settings schedule, time budget and damping
 */
public record RedisOptions(Target target, RedisTopology topology, CheckSettings settings) {

  public RedisOptions {
    Objects.requireNonNull(target);
    Objects.requireNonNull(topology);
    Objects.requireNonNull(settings);
  }
}
