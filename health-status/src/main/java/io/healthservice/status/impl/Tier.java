package io.healthservice.status.impl;

import java.util.ArrayList;
import java.util.List;

/**
 * One tier of a check's published history: consecutive buckets of {@code width} minutes, the last one ({@code index},
 * counted since the epoch in buckets) still open. Immutable: {@code closed} is shared by the snapshots published until
 * a bucket closes, {@code open} is a copy of the open bucket, so publishing a run copies three longs, not the day.
 *
 * @param width  minutes per bucket: 1 or 10
 * @param index  the open bucket: the one of the check's latest event
 * @param closed the closed buckets before it, oldest first, packed ({@link Packed}), at most the tier's capacity
 * @param open   the open bucket, packed
 */
record Tier(int width, long index, long[] closed, long[] open) {

  /** Buckets held, the open one included. */
  int size() {
    return closed.length / Packed.WORDS + 1;
  }

  /** The index of the bucket at {@code position} (0: the oldest held). */
  long indexAt(int position) {
    return index - size() + 1 + position;
  }

  /** The total of {@code field} over the buckets from {@code fromIndex} on. */
  long sum(int field, long fromIndex) {
    int closedCount = size() - 1;
    long total = 0;
    for (int at = (int) Math.max(0, Math.min(closedCount, fromIndex - indexAt(0))); at < closedCount; at++) {
      total += Packed.get(closed, at, field);
    }
    return index >= fromIndex ? total + Packed.get(open, 0, field) : total;
  }

  /** The buckets with data from {@code fromIndex} on, oldest first, unpacked: for views, which render at most once a second. */
  List<MinuteBucket> buckets(long fromIndex) {
    List<MinuteBucket> buckets = new ArrayList<>(size());
    for (int at = 0; at < size() - 1; at++) {
      if (indexAt(at) >= fromIndex && !Packed.isEmpty(closed, at)) {
        buckets.add(Packed.bucket(closed, at, indexAt(at) * width));
      }
    }
    if (index >= fromIndex && !Packed.isEmpty(open, 0)) {
      buckets.add(Packed.bucket(open, 0, index * width));
    }
    return buckets;
  }

  /** Bytes this tier holds: its arrays and the record (compressed references: the usual heap under 32 GB). */
  long retainedBytes() {
    return 16 + 8L * closed.length + 16 + 8L * open.length + 32;
  }
}
