package io.healthservice.kit;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A broker URL ({@code amqp://user:password@host:5672/vhost}, {@code mqtts://host}) taken apart once for the
 * checks that open their own connection. Errors never show the URL: it may hold a password.
 *
 * @param tls      the URL used the TLS scheme
 * @param user     the decoded user name, empty without user info
 * @param password the decoded password, empty when the user info has none
 * @param path     the decoded path without its leading slash, empty for none or "/"
 */
public record BrokerUrl(boolean tls, String host, int port, Optional<String> user, Optional<String> password,
                        String path) {

  /**
   * @param plain and {@code secure}: the two schemes of the protocol ({@code amqp}, {@code amqps});
   *              {@code plainPort} and {@code securePort} the ports when the URL names none
   */
  public static BrokerUrl parse(String url, String plain, int plainPort, String secure, int securePort) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid " + plain + " URL (not shown: it may hold a password)");
    }
    String scheme = String.valueOf(uri.getScheme());
    if (!scheme.equals(plain) && !scheme.equals(secure) || uri.getHost() == null) {
      throw new IllegalArgumentException("a URL of " + plain + "://host:port or " + secure + "://host:port (not shown)");
    }
    boolean tls = scheme.equals(secure);
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? securePort : plainPort;
    String info = uri.getRawUserInfo();
    int colon = info == null ? -1 : info.indexOf(':');
    Optional<String> user = info == null ? Optional.empty() : Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
    Optional<String> password = colon < 0 ? Optional.empty() : Optional.of(decode(info.substring(colon + 1)));
    String rawPath = uri.getRawPath();
    String path = rawPath == null || rawPath.length() <= 1 ? "" : decode(rawPath.substring(1));
    return new BrokerUrl(tls, uri.getHost(), port, user, password, path);
  }

  /** Percent-decoding that keeps a literal '+' (it is no space in user info). */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
