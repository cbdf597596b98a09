package io.healthservice.kit;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a URL must look like, per scheme: an {@link IllegalArgumentException} whose message shows an example,
 * never the URL itself (it may hold a password); the kind reports it under the setting the operator wrote.
 * A kind with rules of its own (Postgres' host lists and {@code sslmode}) keeps them beside its check.
 */
public final class UrlRules {

  private UrlRules() {
  }

  /** A URL of one of {@code schemes} with a host, e.g. {@code amqp://user@host:5672/vhost}. */
  public static String withScheme(String url, Set<String> schemes, String example) {
    URI uri = uri(url, "a URL such as " + example);
    if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("must start with " + String.join("://, ", new java.util.TreeSet<>(schemes))
        + ":// (e.g. " + example + ")");
    }
    requireHost(uri);
    return url;
  }

  /** {@code redis://} or {@code rediss://} with a host and, optionally, a database number. */
  public static String redis(String url) {
    URI uri = uri(url, "a Redis URL such as redis://:password@host:6379/0");
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
      throw new IllegalArgumentException("must start with redis:// or rediss:// (e.g. redis://:password@host:6379/0)");
    }
    requireHost(uri);
    String db = uri.getPath();
    if (db != null && !db.isEmpty() && !db.equals("/") && !db.substring(1).matches("\\d{1,2}")) {
      throw new IllegalArgumentException("the path must be a database number such as /0");
    }
    return url;
  }

  /** {@code http://} or {@code https://} with a host and no credentials: keys go in headers. */
  public static String http(String url) {
    URI uri = uri(url, "an http(s) URL such as https://api.openai.com");
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("must start with http:// or https://");
    }
    requireHost(uri);
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("must not carry credentials; use api_key, api_key_env or api_key_file");
    }
    return url;
  }

  public static Map<String, String> queryParameters(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    int question = url.indexOf('?');
    if (question < 0) {
      return params;
    }
    for (String pair : url.substring(question + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static URI uri(String url, String expected) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a valid URL: expected " + expected);
    }
  }

  private static void requireHost(URI uri) {
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("has no host name");
    }
    if (uri.getPort() > 65535) {
      throw new IllegalArgumentException("has a port out of range");
    }
  }

  /** A short, single-line rendering of a user value for an error message (never a secret's). */
  public static String printable(String value) {
    String oneLine = value.replaceAll("\\p{Cntrl}", "?");
    return oneLine.length() > 40 ? oneLine.substring(0, 40) + "..." : oneLine;
  }
}
