package io.healthservice.status.impl;

import java.util.Arrays;

/**
 * The writable side of a {@link Tier}: the open bucket, counted into in place, and the closed ones before it,
 * copied on write once published (so a snapshot never changes under a view). Only touched on the monitor's event loop.
 */
final class TierRecorder {

  private static final long[] NONE = new long[0];

  private final int width;
  /** Closed buckets kept before the open one. */
  private final int capacity;
  private final long[] open = new long[Packed.WORDS];
  private long[] closed = NONE;
  /** Whether {@link #closed} is in a published tier: the next roll copies it rather than shift it. */
  private boolean shared;
  private long index;

  /** @param created the epoch minute of the first bucket */
  TierRecorder(int width, int buckets, long created) {
    this.width = width;
    this.capacity = buckets - 1;
    this.index = Math.floorDiv(created, width);
  }

  /** The open bucket, written in place: position 0 for {@link Packed}. */
  long[] open() {
    return open;
  }

  /** The first minute of the open bucket. */
  long openMinute() {
    return index * width;
  }

  /**
   * Makes the bucket of {@code epochMinute} the open one, closing the one before and dropping those past capacity.
   * A minute before the open bucket (the wall clock stepped back) keeps the open one: the past is not rewritten.
   */
  void moveTo(long epochMinute) {
    long next = Math.floorDiv(epochMinute, width);
    if (next <= index) {
      return;
    }
    int held = closed.length / Packed.WORDS;
    int keep = (int) Math.min(capacity, held + (next - index));
    long[] target = shared || keep != held ? new long[keep * Packed.WORDS] : closed;
    long base = next - keep; // the index of target's first bucket
    int count = (int) Math.max(0, index - base); // the newest closed buckets kept, shifted to the start
    if (count > 0) {
      System.arraycopy(closed, (held - count) * Packed.WORDS, target, 0, count * Packed.WORDS);
    }
    Arrays.fill(target, count * Packed.WORDS, target.length, 0L);
    if (index >= base) {
      System.arraycopy(open, 0, target, count * Packed.WORDS, Packed.WORDS);
    }
    Arrays.fill(open, 0L);
    closed = target;
    shared = false;
    index = next;
  }

  /** An immutable view as of now; further writes go to copies. */
  Tier publish() {
    shared = true;
    return new Tier(width, index, closed, open.clone());
  }
}
