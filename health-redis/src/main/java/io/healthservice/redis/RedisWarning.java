package io.healthservice.redis;

import io.healthservice.CheckWarning;

import java.util.Locale;

/**
 * The Redis check's words for a node that refuses writes and for sentinels that cannot fail over: one
 * place for the texts (reasons with {@code expect_writable}, warnings without) and their codes
 * ({@link CheckWarning#code()}, the metric's label). Every text is built from protocol words and numbers,
 * never a server's message.
 */
public enum RedisWarning {
  REPLICA("replica: writes refused"),
  MAXMEMORY("maxmemory reached under noeviction"),
  MISCONF("MISCONF: "),
  SENTINEL_QUORUM("sentinel quorum: ");

  /** Not a warning: LOADING fails the check with or without {@code expect_writable}. */
  public static final String LOADING = "LOADING: dataset still loading";

  private final String marker;

  RedisWarning(String marker) {
    this.marker = marker;
  }

  /** The label value: {@code replica}, {@code maxmemory}, {@code misconf}, {@code sentinel_quorum}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A warning of this code with {@code text}. */
  public CheckWarning warning(String text) {
    return new CheckWarning(code(), text);
  }

  /** "replica: writes refused (role slave)". */
  public static String replica(String role) {
    return REPLICA.marker + " (role " + role + ")";
  }

  /** "maxmemory reached under noeviction (used 1.0 MB of 1.0 MB)". */
  public static String maxmemory(long usedBytes, long maxBytes) {
    return MAXMEMORY.marker + " (used " + megabytes(usedBytes) + " of " + megabytes(maxBytes) + ")";
  }

  /** "MISCONF: last RDB save failed, writes refused" (or the AOF's write). */
  public static String misconf(boolean aof) {
    return MISCONF.marker + (aof ? "last AOF write failed" : "last RDB save failed") + ", writes refused";
  }

  /** "sentinel quorum: failover not possible (NOQUORUM from host:port)". */
  public static String sentinelQuorum(String sentinelAddress) {
    return SENTINEL_QUORUM.marker + "failover not possible (NOQUORUM from " + sentinelAddress + ")";
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }
}
