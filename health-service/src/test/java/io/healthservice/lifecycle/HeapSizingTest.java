package io.healthservice.lifecycle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The start's warning when the heap cannot hold the checks (the image's -Xmx64m and 10,000 checks: an OOM). */
class HeapSizingTest {

  @Test
  void theImagesHeapHoldsAFewThousandChecksAndSaysSoBeyond() {
    long imageHeap = 64L << 20;
    assertThat(HeapSizing.warnIfShort(3, imageHeap)).isFalse();
    assertThat(HeapSizing.warnIfShort(3_000, imageHeap)).isFalse();
    assertThat(HeapSizing.warnIfShort(4_000, imageHeap)).as("a day of history each: 12 KB a check").isTrue();
    assertThat(HeapSizing.warnIfShort(10_000, imageHeap)).isTrue();
    assertThat(HeapSizing.warnIfShort(10_000, 256L << 20)).isFalse();
    assertThat(HeapSizing.needed(10_000) >> 20).isBetween(130L, 150L);
  }
}
