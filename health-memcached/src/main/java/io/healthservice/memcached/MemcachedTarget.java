package io.healthservice.memcached;

import java.util.Objects;

/** A memcached server: host and port ({@code memcached://host:11211}); the text protocol has no credentials. */
public record MemcachedTarget(String host, int port) {

  public MemcachedTarget {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range");
    }
  }

  /** {@code memcached://host:port}. */
  public String url() {
    return "memcached://" + host + ":" + port;
  }
}
