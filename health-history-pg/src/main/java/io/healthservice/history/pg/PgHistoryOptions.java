package io.healthservice.history.pg;

import io.healthservice.MonitorClock;
import io.healthservice.kit.Secrets;

import java.time.Duration;
import java.util.Objects;

/**
 * How a replica writes and reads the shared history. Immutable: {@link #of} takes the three names, the
 * {@code with...} methods change one setting. {@link #toString()} never shows the URL's password.
 *
 * @param url               {@code postgresql://user:password@host:port/database?sslmode=...}
 * @param service           the service's name: the tables may be shared by services, every row carries it
 * @param instance          this replica's name (see {@link #defaultInstance()})
 * @param clock             time and timers; null: the Vert.x clock of the instance given to the factory
 * @param flushInterval     how often the buffer is written (one transaction per interval), default 10 s
 * @param fleetRefresh      how often the fleet's states, last hour and transitions are read, default 10 s
 * @param longRefresh       how often the 24 h bars and the 7 d / 30 d / 90 d uptime are re-read, default 5 min
 * @param liveWindow        a replica whose last write is older is not live (its states are left out), default 60 s
 * @param bufferCapacity    minutes and transitions kept while the store is down; beyond, the oldest are dropped, default 200,000
 * @param maxRowsPerFlush   rows per transaction, so a catch-up is many short ones, default 20,000
 * @param retentionDays     hours, transitions and replicas older than this are deleted, default 90
 * @param minutesKept       minutes (and their slots) older than this are rolled into fleet-level hours, default
 *                          48 h, at least 25 h (the bars)
 * @param queryTimeout      bound of every transaction and read (the connection is dropped past it), default 5 s
 * @param housekeeping      how often the slots, downsampling and retention run (one replica at a time), default
 *                          10 min, at most 30 min
 */
public record PgHistoryOptions(String url, String service, String instance, MonitorClock clock,
                               Duration flushInterval, Duration fleetRefresh, Duration longRefresh,
                               Duration liveWindow, int bufferCapacity, int maxRowsPerFlush, int retentionDays,
                               Duration minutesKept, Duration queryTimeout, Duration housekeeping) {

  public PgHistoryOptions {
    Objects.requireNonNull(url, "url");
    if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw new IllegalArgumentException("history store: must start with postgresql:// (e.g. postgresql://user:password@host:5432/database)");
    }
    requireName(service, "service");
    requireName(instance, "instance");
    for (Duration d : new Duration[] {flushInterval, fleetRefresh, longRefresh, liveWindow, minutesKept, queryTimeout, housekeeping}) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("history store: durations must be positive");
      }
    }
    if (bufferCapacity < 1 || maxRowsPerFlush < 1 || retentionDays < 1) {
      throw new IllegalArgumentException("history store: buffer capacity, rows per flush and retention days must be positive");
    }
    if (housekeeping.compareTo(Duration.ofMinutes(30)) > 0) {
      // It keeps the fleet's 10-minute slots of the last hour, which the reads take older bars from.
      throw new IllegalArgumentException("history store: housekeeping must run at least every 30 minutes");
    }
    if (minutesKept.compareTo(Duration.ofHours(25)) < 0) {
      // The 24 h of bars are read from the slots of the minutes kept.
      throw new IllegalArgumentException("history store: minutes must be kept at least 25 hours");
    }
    if (minutesKept.compareTo(Duration.ofDays(retentionDays)) > 0) {
      throw new IllegalArgumentException("history store: minutes kept must not exceed the retention");
    }
  }

  /** The defaults above for this store, service and replica. */
  public static PgHistoryOptions of(String url, String service, String instance) {
    return new PgHistoryOptions(url, service, instance, null, Duration.ofSeconds(10), Duration.ofSeconds(10),
      Duration.ofMinutes(5), Duration.ofSeconds(60), 200_000, 20_000, 90, Duration.ofHours(48), Duration.ofSeconds(5),
      Duration.ofMinutes(10));
  }

  /** The pod's or host's name: {@code HOSTNAME}, else the local host name, else {@code "localhost"}. */
  public static String defaultInstance() {
    String host = System.getenv("HOSTNAME");
    if (host != null && !host.isBlank()) {
      return host.trim();
    }
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "localhost";
    }
  }

  public PgHistoryOptions withClock(MonitorClock c) {
    return new PgHistoryOptions(url, service, instance, c, flushInterval, fleetRefresh, longRefresh, liveWindow,
      bufferCapacity, maxRowsPerFlush, retentionDays, minutesKept, queryTimeout, housekeeping);
  }

  public PgHistoryOptions withIntervals(Duration flush, Duration refresh, Duration longRead, Duration live) {
    return new PgHistoryOptions(url, service, instance, clock, flush, refresh, longRead, live,
      bufferCapacity, maxRowsPerFlush, retentionDays, minutesKept, queryTimeout, housekeeping);
  }

  public PgHistoryOptions withBuffer(int capacity, int rowsPerFlush) {
    return new PgHistoryOptions(url, service, instance, clock, flushInterval, fleetRefresh, longRefresh, liveWindow,
      capacity, rowsPerFlush, retentionDays, minutesKept, queryTimeout, housekeeping);
  }

  public PgHistoryOptions withRetention(int days, Duration keptAsMinutes, Duration every) {
    return new PgHistoryOptions(url, service, instance, clock, flushInterval, fleetRefresh, longRefresh, liveWindow,
      bufferCapacity, maxRowsPerFlush, days, keptAsMinutes, queryTimeout, every);
  }

  public PgHistoryOptions withQueryTimeout(Duration timeout) {
    return new PgHistoryOptions(url, service, instance, clock, flushInterval, fleetRefresh, longRefresh, liveWindow,
      bufferCapacity, maxRowsPerFlush, retentionDays, minutesKept, timeout, housekeeping);
  }

  /** The URL with its password masked, as every target of the project is ({@code Secrets.maskUrl}). */
  public String safeUrl() {
    return Secrets.maskUrl(url);
  }

  @Override
  public String toString() {
    return "PgHistoryOptions[url=" + safeUrl() + ", service=" + service + ", instance=" + instance
      + ", flushInterval=" + flushInterval + ", fleetRefresh=" + fleetRefresh + ", longRefresh=" + longRefresh
      + ", liveWindow=" + liveWindow + ", bufferCapacity=" + bufferCapacity + ", maxRowsPerFlush=" + maxRowsPerFlush
      + ", retentionDays=" + retentionDays + ", minutesKept=" + minutesKept + ", queryTimeout=" + queryTimeout
      + ", housekeeping=" + housekeeping + "]";
  }

  private static void requireName(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("history store: " + what + " must not be blank");
    }
  }
}
