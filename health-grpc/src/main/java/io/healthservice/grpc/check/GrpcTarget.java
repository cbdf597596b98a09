package io.healthservice.grpc.check;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which gRPC server a {@link GrpcCheck} asks, and about which service: {@code grpc://host:port} over h2c,
 * {@code grpcs://host:port} over TLS (the JVM's CAs, or those of {@code caFile}). {@code service} is the name
 * sent in {@code HealthCheckRequest}; {@code ""} asks about the server as a whole.
 */
public record GrpcTarget(String url, String service, Optional<String> caFile) {

  public GrpcTarget {
    Objects.requireNonNull(url, "url");
    service = service == null ? "" : service;
    caFile = Objects.requireNonNullElse(caFile, Optional.empty());
    uri(url); // fails early on a malformed URL
  }

  /** The server as a whole ({@code ""}), trusting the JVM's CAs. */
  public static GrpcTarget of(String url) {
    return new GrpcTarget(url, "", Optional.empty());
  }

  public boolean tls() {
    return uri(url).getScheme().equalsIgnoreCase("grpcs");
  }

  public String host() {
    String host = uri(url).getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  public int port() {
    return uri(url).getPort();
  }

  private static URI uri(String url) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a grpc:// or grpcs:// URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("grpc") && !scheme.equals("grpcs")) {
      throw new IllegalArgumentException("a gRPC check's URL starts with grpc:// or grpcs://");
    }
    if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
      throw new IllegalArgumentException("a gRPC check's URL names a host and a port: grpc://host:port");
    }
    String path = uri.getRawPath();
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || (path != null && !path.isEmpty() && !path.equals("/"))) {
      throw new IllegalArgumentException("a gRPC check's URL is only grpc://host:port (the service is set apart)");
    }
    return uri;
  }
}
