package io.healthservice.impl.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The short form's bytes, whether the prefix is copied (a few checks) or shared (thousands). */
class TimedBodiesTest {

  private static final long UPTIME_MS = 1_234_567;
  private static final long EPOCH_MS = 1_795_435_200_042L; // 2026-11-23T12:00:00.042Z

  @Test
  void aSmallPrefixIsCopiedIntoTheBody() {
    Buffer body = TimedBodies.shortForm(TimedBodies.Prefix.of(prefix(100)), UPTIME_MS, EPOCH_MS, null);
    assertThat(body.toString()).isEqualTo(expected(100, null));
  }

  @Test
  void aLargePrefixIsSharedOffTheHeapAndTheBodyReadsTheSameAndCanBeWrittenTwice() {
    int size = TimedBodies.SHARED_PREFIX_BYTES * 20;
    TimedBodies.Prefix prefix = TimedBodies.Prefix.of(prefix(size));
    Buffer first = TimedBodies.shortForm(prefix, UPTIME_MS, EPOCH_MS, "starting");
    Buffer second = TimedBodies.shortForm(prefix, UPTIME_MS + 1, EPOCH_MS + 1, null);
    assertThat(first.toString()).isEqualTo(expected(size, "starting"));
    assertThat(first.length()).isEqualTo(expected(size, "starting").length());
    assertThat(second.toString()).endsWith("\"uptime\":1234.568,\"timestamp\":\"2026-11-23T12:00:00.043Z\"}");
    // A body is written to many responses: reading it must not consume it.
    assertThat(first.getBytes()).isEqualTo(first.getBytes());
    // All of it direct: Netty writes it as it is. A heap part had it merged and copied at each request.
    assertThat(((BufferInternal) first).getByteBuf().isDirect()).isTrue();
    assertThat(((BufferInternal) second).getByteBuf().isDirect()).isTrue();
  }

  private static byte[] prefix(int size) {
    StringBuilder text = new StringBuilder("{\"status\":\"ok\",\"dependencies\":{\"c\":\"");
    while (text.length() < size - 2) {
      text.append('x');
    }
    return text.append("\"}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String expected(int size, String reason) {
    return new String(prefix(size), StandardCharsets.UTF_8)
      + ",\"uptime\":1234.567,\"timestamp\":\"2026-11-23T12:00:00.042Z\""
      + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}";
  }
}
