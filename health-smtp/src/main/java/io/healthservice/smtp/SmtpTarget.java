package io.healthservice.smtp;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an {@code smtp} check connects and how: {@code smtp://host[:25]} (plain, upgraded with {@code STARTTLS}
 * when {@code starttls} or {@code require_tls} asks) or {@code smtps://host[:465]} (TLS from the first byte), the
 * name it gives in {@code EHLO}, and the CAs to trust (the JVM's when empty). No credentials: the check never
 * authenticates.
 *
 * @param tls        {@code smtps://}: implicit TLS
 * @param starttls   upgrade a plain connection with {@code STARTTLS}
 * @param requireTls the run must end on TLS: with {@code smtp://} it upgrades as {@code starttls} does
 */
public record SmtpTarget(String host, int port, boolean tls, boolean starttls, boolean requireTls, String heloName,
                         Optional<String> caFile) {

  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[[A-Za-z0-9:.]{2,60}]");

  public SmtpTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(caFile, "caFile");
    if (host.isBlank()) {
      throw new IllegalArgumentException("an SMTP check needs a host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("an SMTP port lies within 1-65535");
    }
    if (tls && starttls) {
      throw new IllegalArgumentException("starttls is for smtp:// (smtps:// speaks TLS from the start)");
    }
    requireHeloName(heloName);
  }

  /** {@code smtp://host[:25]} or {@code smtps://host[:465]}: no user info, path or query. */
  static SmtpTarget parse(String url, boolean starttls, boolean requireTls, String heloName, Optional<String> caFile) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("must be a URL such as smtp://mail:25 or smtps://mail:465");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("smtp") && !scheme.equals("smtps") || uri.getHost() == null) {
      throw new IllegalArgumentException("must be smtp://host[:25] or smtps://host[:465]");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("must not carry credentials: the smtp check never authenticates");
    }
    String path = uri.getRawPath();
    if (path != null && !path.isEmpty() && !path.equals("/") || uri.getRawQuery() != null) {
      throw new IllegalArgumentException("is only smtp://host[:port] or smtps://host[:port]");
    }
    boolean tls = scheme.equals("smtps");
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 25;
    return new SmtpTarget(host, port, tls, starttls, requireTls, heloName, caFile);
  }

  /** A domain name or an address literal ({@code [192.0.2.1]}): what RFC 5321 allows after {@code EHLO}. */
  static String requireHeloName(String name) {
    if (name == null || !isHeloName(name)) {
      throw new IllegalArgumentException("must be a domain name (mail.example.com) or an address literal ([192.0.2.1])");
    }
    return name;
  }

  private static boolean isHeloName(String name) {
    if (ADDRESS_LITERAL.matcher(name).matches()) {
      return true;
    }
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** This machine's host name (the kernel's, no DNS lookup), or {@code health-service} when it is no domain name. */
  static String defaultHeloName() {
    return DefaultName.VALUE;
  }

  /** Whether a plain connection is upgraded with {@code STARTTLS}. */
  boolean upgrades() {
    return !tls && (starttls || requireTls);
  }

  /** {@code smtp://host:port} or {@code smtps://host:port}, for logs (nothing secret in it). */
  public String url() {
    String shown = host.contains(":") ? "[" + host + "]" : host;
    return (tls ? "smtps://" : "smtp://") + shown + ":" + port;
  }

  /** Read once: a file under /proc (or the environment), never a resolver that could block. */
  private static final class DefaultName {

    static final String VALUE = find();

    private static String find() {
      for (String candidate : new String[] {read("/proc/sys/kernel/hostname"), System.getenv("HOSTNAME"), read("/etc/hostname")}) {
        if (candidate != null && isHeloName(candidate.trim())) {
          return candidate.trim();
        }
      }
      return "health-service";
    }

    private static String read(String file) {
      try {
        return Files.readString(Path.of(file));
      } catch (java.io.IOException | RuntimeException e) {
        return null;
      }
    }
  }
}
