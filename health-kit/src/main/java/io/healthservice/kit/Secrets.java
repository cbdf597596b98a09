package io.healthservice.kit;

import java.util.regex.Pattern;

/** Masks credentials before a target is logged or shown: {@code postgresql://app:***@db:5432/app}. */
public final class Secrets {

  /**
   * A query parameter whose name so much as contains a secret's word ({@code api-key}, {@code access_token},
   * {@code sig}, {@code code}, {@code sslpassword}...): names vary by provider, so match words, not a list.
   */
  private static final Pattern QUERY_SECRET =
    Pattern.compile("(?i)([?&][^=&#]*(?:key|token|secret|sig|pass|pwd|auth|code|credential)[^=&#]*=)[^&#]*");

  /** A comma that starts another URL ({@code ,redis://...}), not one inside a password. */
  public static final Pattern URL_LIST = Pattern.compile(",(?=\\s*[a-zA-Z][a-zA-Z0-9+.-]*://)");

  private Secrets() {
  }

  /** Each URL of a comma-separated list masked like {@link #maskUrl}. */
  public static String maskUrls(String urls) {
    if (urls == null) {
      return null;
    }
    StringBuilder masked = new StringBuilder();
    // Split only where a new URL starts: a password may hold a comma.
    for (String url : URL_LIST.split(urls, -1)) {
      masked.append(masked.length() == 0 ? "" : ",").append(maskUrl(url.trim()));
    }
    return masked.toString();
  }

  /** The URL with any password in its user-info or query string replaced by {@code ***}. */
  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = url;
    int authority = url.indexOf("://");
    // The last '@' ends the user-info even when a password holds an unencoded '@', '/', '?' or '#':
    // mask too much rather than leak part of a password.
    int at = url.lastIndexOf('@');
    if (authority >= 0 && at > authority) {
      int colon = url.indexOf(':', authority + 3);
      if (colon >= 0 && colon < at) {
        masked = url.substring(0, colon) + ":***" + url.substring(at);
      }
    }
    return QUERY_SECRET.matcher(masked).replaceAll("$1***");
  }
}
