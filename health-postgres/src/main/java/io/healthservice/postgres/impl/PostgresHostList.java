package io.healthservice.postgres.impl;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A libpq URL's host list ({@code postgresql://u:p@db1:5432,db2:5432/app?target_session_attrs=read-write})
 * taken apart, since neither {@link java.net.URI} nor the Vert.x client (vertx-sql-client#1250) parse one.
 * Each host gets its own single-host URL, the rest of the URL unchanged but for {@code target_session_attrs},
 * which only libpq knows (a server refuses it as a startup parameter).
 *
 * @param hosts  in the URL's order, at least one
 * @param attrs  {@code target_session_attrs}, {@code any} when absent
 * @param prefix {@code postgresql://user:password@}
 * @param suffix the path and query after the host list, without {@code target_session_attrs}
 */
public record PostgresHostList(List<PostgresHost> hosts, SessionAttrs attrs, String prefix, String suffix) {

  private static final String ATTRS = "target_session_attrs";

  public PostgresHostList {
    hosts = List.copyOf(hosts);
  }

  /**
   * Parses {@code url} as libpq does, but for the user-info, which ends at the last {@code @}; the host list
   * ends at the first {@code /} or {@code ?}; hosts are comma-separated, each with its own port.
   *
   * @throws IllegalArgumentException (never quoting the URL, which may hold a password)
   */
  public static PostgresHostList parse(String url) {
    int scheme = url.indexOf("://");
    String name = scheme < 0 ? "" : url.substring(0, scheme);
    if (!name.equals("postgresql") && !name.equals("postgres")) {
      throw new IllegalArgumentException("must start with postgresql://");
    }
    int start = scheme + 3;
    // As Secrets.maskUrl: the last '@' ends the user-info, even when a password holds an unencoded '@',
    // '/' or '?' (libpq stops at the first): a host named in a reason must never be a piece of a password.
    int at = url.lastIndexOf('@');
    int hostsStart = at < start ? start : at + 1;
    int hostsEnd = hostsStart;
    while (hostsEnd < url.length() && url.charAt(hostsEnd) != '/' && url.charAt(hostsEnd) != '?') {
      hostsEnd++;
    }
    List<PostgresHost> hosts = new ArrayList<>();
    for (String entry : url.substring(hostsStart, hostsEnd).split(",", -1)) {
      hosts.add(PostgresHost.parse(entry.trim()));
    }
    String rest = url.substring(hostsEnd);
    return new PostgresHostList(hosts, attrs(rest), url.substring(0, hostsStart),
      PostgresUrls.withoutParameter(rest, ATTRS));
  }

  /** The URL of {@code host} alone, for the Vert.x client. */
  public String urlFor(PostgresHost host) {
    return prefix + host.raw() + suffix;
  }

  /** True for what the client could always do: one host, any session. */
  public boolean isPlain() {
    return hosts.size() == 1 && attrs == SessionAttrs.ANY;
  }

  /** Hosts and attribute only: {@code prefix} may hold a password. */
  @Override
  public String toString() {
    return "PostgresHostList" + hosts + "[target_session_attrs=" + attrs.text() + "]";
  }

  private static SessionAttrs attrs(String rest) {
    int question = rest.indexOf('?');
    SessionAttrs attrs = SessionAttrs.ANY;
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&")) {
        if (pair.startsWith(ATTRS + "=")) {
          String value;
          try {
            value = URLDecoder.decode(pair.substring(ATTRS.length() + 1), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has a malformed query string"); // the decoder's message quotes it
          }
          attrs = SessionAttrs.parse(value);
        }
      }
    }
    return attrs;
  }

  /**
   * Throws {@link IllegalArgumentException} (its message never holds the URL, which may hold a password) when
   * the host list or {@code target_session_attrs} is malformed, or the pg client would not accept one of its
   * hosts' single-host URLs.
   */
  public static void validate(String url) {
    PostgresHostList list = parse(url);
    for (PostgresHost host : list.hosts()) {
      try {
        io.vertx.pgclient.PgConnectOptions.fromUri(PostgresUrls.withoutParameter(list.urlFor(host), "sslrootcert"));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("is not a valid PostgreSQL URL");
      }
    }
  }
}
