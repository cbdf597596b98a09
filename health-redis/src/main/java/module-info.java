/**
 * The {@code redis} kind of check: {@link io.healthservice.redis.RedisCheck} over vertx-redis-client
 * (standalone, Sentinel, Cluster, an application's own client); {@code io.healthservice.redis.impl} is internal.
 */
module io.healthservice.redis {
  requires transitive io.healthservice.kit;
  requires transitive io.vertx.redis.client;
  requires java.logging;

  exports io.healthservice.redis;

  provides io.healthservice.spi.CheckKind with io.healthservice.redis.RedisKind;
}
