package io.healthservice.redis;

/** How the Redis check finds the server(s) it pings. */
public enum RedisMode {
  /** One server at {@code checks.redis.url}. */
  STANDALONE,
  /** The master that the sentinels listed in {@code checks.redis.url} name for {@code master_name}. */
  SENTINEL,
  /** Every master of the cluster reachable from the seed nodes listed in {@code checks.redis.url}. */
  CLUSTER
}
