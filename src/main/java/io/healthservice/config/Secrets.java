package io.healthservice.config;

import java.util.regex.Pattern;

/** Masks credentials before a target is logged or shown: {@code postgresql://app:***@db:5432/app}. */
public final class Secrets {

  private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^:/@?#]*):[^@/?#]*@");
  private static final Pattern QUERY_SECRET =
    Pattern.compile("(?i)([?&](?:password|passwd|pwd|secret|token|key|api_key|apikey|sslpassword)=)[^&#]*");

  private Secrets() {
  }

  /** The URL with any password in its user-info or query string replaced by {@code ***}. */
  public static String maskUrl(String url) {
    if (url == null) {
      return null;
    }
    String masked = USERINFO_PASSWORD.matcher(url).replaceFirst("$1:***@");
    return QUERY_SECRET.matcher(masked).replaceAll("$1***");
  }
}
