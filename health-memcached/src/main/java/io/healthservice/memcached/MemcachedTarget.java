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

  /** {@code memcached://host[:11211]}; the text protocol has no user info, so a URL with one is refused. */
  static MemcachedTarget parse(String url) {
    java.net.URI uri;
    try {
      uri = new java.net.URI(url);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("must be a URL such as memcached://host:11211");
    }
    if (!"memcached".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("must be memcached://host[:port] (e.g. memcached://cache:11211)");
    }
    return new MemcachedTarget(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 11211);
  }

  /** {@code memcached://host:port}. */
  public String url() {
    return "memcached://" + host + ":" + port;
  }
}
