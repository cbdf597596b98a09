/**
 * The {@code memcached} kind of check: {@link io.healthservice.memcached.MemcachedCheck}, {@code version} over the
 * text protocol on Vert.x core's TCP client.
 */
module io.healthservice.memcached {
  requires transitive io.healthservice.kit;

  exports io.healthservice.memcached;

  provides io.healthservice.spi.CheckKind with io.healthservice.memcached.MemcachedKind;
}
