package io.healthservice.support;

import java.net.URI;

/** Coordinates of the real Postgres and Redis the tests talk to: TEST_DATABASE_URL / TEST_REDIS_URL or local defaults. */
public final class RealServers {

  public static final String DATABASE_URL = env("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
  public static final String REDIS_URL = env("TEST_REDIS_URL", "redis://127.0.0.1:6379");

  private RealServers() {
  }

  public static String host(String url) {
    return URI.create(url).getHost();
  }

  public static int port(String url) {
    return URI.create(url).getPort();
  }

  /** {@code url} pointed at {@code 127.0.0.1:port} instead, keeping its user, password, path and query. */
  public static String via(String url, int port) {
    URI uri = URI.create(url);
    String userInfo = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo() + "@";
    String rest = (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return uri.getScheme() + "://" + userInfo + "127.0.0.1:" + port + rest;
  }

  /** {@code url} with {@code password} inserted as its user-info password. */
  public static String withPassword(String url, String user, String password) {
    URI uri = URI.create(url);
    String rest = (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    return uri.getScheme() + "://" + user + ":" + password + "@" + uri.getHost() + ":" + uri.getPort() + rest;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
