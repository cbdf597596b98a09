package io.healthservice.lifecycle;

import java.util.logging.Logger;

/**
 * Whether the heap holds the checks: about 12 KB of heap per check beyond a base, so the image's 64 MB holds about
 * 3,400. Measured: 35 MB live with 10,000 fresh tcp checks, the empty service about 12 MB (2.3 KB per check), plus the
 * status history once it holds a day (its bound whatever the uptime: 5.5 KB per check, 7.5 KB for one flapping with
 * 20 transitions; health-status's HistoryBoundTest): about 8 KB live, and half as much again of heap for the serial
 * collector's young generation (a third of the heap) and headroom. Said at start, with the fix, rather than found by an
 * OutOfMemoryError (the image exits on one) when the checks grow.
 */
final class HeapSizing {

  static final long BASE_BYTES = 24L << 20;
  static final long PER_CHECK_BYTES = 12L << 10;
  private static final Logger LOG = Logger.getLogger("health.service");

  private HeapSizing() {
  }

  /** The heap {@code checks} checks need, by the measured rule of thumb. */
  static long needed(int checks) {
    return BASE_BYTES + checks * PER_CHECK_BYTES;
  }

  /** Warns when {@code maxHeap} is below what {@code checks} need; returns whether it did. */
  static boolean warnIfShort(int checks, long maxHeap) {
    long needed = needed(checks);
    if (maxHeap >= needed) {
      return false;
    }
    LOG.warning("checks=" + checks + " need about " + (needed >> 20) + " MB of heap and -Xmx is " + (maxHeap >> 20)
      + " MB: raise -Xmx (the image's in /app/jvm.options), see docs/performance.md#thousands-of-checks");
    return true;
  }
}
