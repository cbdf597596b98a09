package io.healthservice.status.impl;

/**
 * A bucket's fields packed in three longs (24 bytes, no object per bucket): word 0 the counts (runs, failures,
 * warnings, latency runs: 16 bits each), word 1 the time (up, down, maintenance: 21 bits each, ms up to 34 minutes,
 * a bucket is at most 10), word 2 the latency (min and max: 20 bits each, ms up to 17 minutes; sum: 24 bits, 4.6 h).
 * Values saturate rather than wrap: exact for anything a check does in ten minutes.
 */
final class Packed {

  static final int WORDS = 3;
  static final int RUNS = field(0, 0, 16);
  static final int FAILURES = field(0, 16, 16);
  static final int WARNINGS = field(0, 32, 16);
  static final int LATENCY_RUNS = field(0, 48, 16);
  static final int UP = field(1, 0, 21);
  static final int DOWN = field(1, 21, 21);
  static final int MAINTENANCE = field(1, 42, 21);
  static final int MIN = field(2, 0, 20);
  static final int MAX = field(2, 20, 20);
  static final int SUM = field(2, 40, 24);

  private Packed() {
  }

  /** A field as word, shift and width in one int. */
  private static int field(int word, int shift, int bits) {
    return word << 16 | shift << 8 | bits;
  }

  static long get(long[] words, int at, int field) {
    long mask = (1L << (field & 0xff)) - 1;
    return words[at * WORDS + (field >>> 16)] >>> ((field >>> 8) & 0xff) & mask;
  }

  static void set(long[] words, int at, int field, long value) {
    long mask = (1L << (field & 0xff)) - 1;
    int shift = (field >>> 8) & 0xff;
    int i = at * WORDS + (field >>> 16);
    words[i] = words[i] & ~(mask << shift) | Math.max(0, Math.min(mask, value)) << shift;
  }

  static void add(long[] words, int at, int field, long delta) {
    set(words, at, field, get(words, at, field) + delta);
  }

  static boolean isEmpty(long[] words, int at) {
    return words[at * WORDS] == 0 && words[at * WORDS + 1] == 0;
  }

  /** A run; {@code counted} false leaves its latency out (the first run after start). */
  static void run(long[] words, int at, long latencyMs, boolean failed, boolean warned, boolean counted) {
    add(words, at, RUNS, 1);
    add(words, at, FAILURES, failed ? 1 : 0);
    add(words, at, WARNINGS, warned ? 1 : 0);
    if (counted) {
      latency(words, at, latencyMs, latencyMs, latencyMs, 1);
    }
  }

  /** {@code ms} of the bucket: in maintenance, else up or down. */
  static void time(long[] words, int at, boolean up, boolean maintenance, long ms) {
    add(words, at, maintenance ? MAINTENANCE : up ? UP : DOWN, ms);
  }

  /** Adds a whole bucket (hand-made histories, a minute into its period). */
  static void add(long[] words, int at, MinuteBucket b) {
    add(words, at, RUNS, b.runs());
    add(words, at, FAILURES, b.failures());
    add(words, at, WARNINGS, b.warnings());
    add(words, at, UP, b.upMs());
    add(words, at, DOWN, b.downMs());
    add(words, at, MAINTENANCE, b.maintenanceMs());
    if (b.latencyRuns() > 0) {
      latency(words, at, b.minMs(), b.maxMs(), b.sumMs(), b.latencyRuns());
    }
  }

  private static void latency(long[] words, int at, long minMs, long maxMs, long sumMs, int runs) {
    boolean first = get(words, at, LATENCY_RUNS) == 0;
    set(words, at, MIN, first ? minMs : Math.min(get(words, at, MIN), minMs));
    set(words, at, MAX, first ? maxMs : Math.max(get(words, at, MAX), maxMs));
    add(words, at, SUM, sumMs);
    add(words, at, LATENCY_RUNS, runs);
  }

  /** The bucket at {@code at}, unpacked for a view. */
  static MinuteBucket bucket(long[] words, int at, long epochMinute) {
    return new MinuteBucket(epochMinute, (int) get(words, at, RUNS), (int) get(words, at, FAILURES),
      (int) get(words, at, WARNINGS), get(words, at, MIN), get(words, at, MAX), get(words, at, SUM),
      (int) get(words, at, LATENCY_RUNS), get(words, at, UP), get(words, at, DOWN), get(words, at, MAINTENANCE));
  }
}
