package io.healthservice.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@code dns} check asks: {@code dns://server:53/name?type=A}, the name resolved at that server, and
 * optionally an answer to expect (an address, or text an answer contains).
 */
public record DnsTarget(String server, int port, String name, String type, Optional<String> expectAnswer) {

  static final Set<String> TYPES = Set.of("A", "AAAA", "CNAME", "MX", "NS", "TXT");

  public DnsTarget {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expectAnswer, "expectAnswer");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("type must be one of A, AAAA, CNAME, MX, NS, TXT");
    }
  }

  /** {@code dns://server[:port]/name[?type=A]}: port 53 and type A by default. */
  static DnsTarget parse(String url, Optional<String> expectAnswer) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("must be a URL such as dns://10.0.0.2:53/db.internal?type=A");
    }
    if (!"dns".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("must be dns://server[:port]/name[?type=A] (e.g. dns://10.0.0.2:53/db.internal)");
    }
    String type = "A";
    if (uri.getQuery() != null) {
      if (!uri.getQuery().startsWith("type=") || uri.getQuery().contains("&")) {
        throw new IllegalArgumentException("the only query parameter is type (A, AAAA, CNAME, MX, NS, TXT)");
      }
      type = uri.getQuery().substring("type=".length()).toUpperCase(Locale.ROOT);
    }
    return new DnsTarget(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 53, uri.getPath().substring(1), type, expectAnswer);
  }

  /** The URL again, for log lines (nothing secret in it). */
  public String url() {
    return "dns://" + server + ":" + port + "/" + name + "?type=" + type;
  }
}
