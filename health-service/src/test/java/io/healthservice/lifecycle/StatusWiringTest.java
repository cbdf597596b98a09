package io.healthservice.lifecycle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The buffer for a store that is down is sized by the heap, so an outage never costs the process its heap. */
class StatusWiringTest {

  @Test
  void aTenthOfTheHeapBetweenTenAndTwoHundredThousandRecords() {
    assertThat(StatusWiring.bufferCapacity(64L << 20)).isEqualTo(41_943);
    assertThat(StatusWiring.bufferCapacity(16L << 20)).isEqualTo(10_485);
    assertThat(StatusWiring.bufferCapacity(8L << 20)).isEqualTo(10_000);
    assertThat(StatusWiring.bufferCapacity(4L << 30)).isEqualTo(200_000);
  }
}
