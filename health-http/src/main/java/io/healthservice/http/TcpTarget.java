package io.healthservice.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link TcpCheck} connects: {@code tcp://host:port}, or {@code tls://host:port} for a TLS handshake
 * on top, verified against the JVM's CAs or those of {@code caFile}.
 */
public record TcpTarget(String host, int port, boolean tls, Optional<String> caFile) {

  public TcpTarget {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("a TCP check needs a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("a TCP port lies within 1-65535: " + port);
    }
    caFile = Objects.requireNonNullElse(caFile, Optional.empty());
  }

  /** {@code tcp://host:port} or {@code tls://host:port}; IPv6 literals in brackets ({@code tcp://[::1]:5672}). */
  public static TcpTarget parse(String url, Optional<String> caFile) {
    Objects.requireNonNull(url, "url");
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a tcp:// or tls:// URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("tcp") && !scheme.equals("tls")) {
      throw new IllegalArgumentException("a TCP check's URL starts with tcp:// or tls://");
    }
    if (uri.getHost() == null || uri.getPort() < 0) {
      throw new IllegalArgumentException("a TCP check's URL names a host and a port: tcp://host:port");
    }
    String path = uri.getRawPath();
    if (uri.getRawUserInfo() != null || (path != null && !path.isEmpty() && !path.equals("/"))
      || uri.getRawQuery() != null) {
      throw new IllegalArgumentException("a TCP check's URL is only tcp://host:port");
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new TcpTarget(host, uri.getPort(), scheme.equals("tls"), caFile);
  }

  /** The URL form, for logs (nothing secret in it). */
  public String url() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return (tls ? "tls://" : "tcp://") + shown + ":" + port;
  }
}
