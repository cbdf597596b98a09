package io.healthservice.impl.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The short form's bytes: the cached report prefix, then uptime and timestamp written as digits, never
 * through a String. One rendering serves every request of the same millisecond (a probe storm sends tens
 * per millisecond), so a probe normally allocates nothing for its body.
 */
final class TimedBodies {

  /**
   * A rendered report prefix: its bytes and, from {@link #SHARED_PREFIX_BYTES} on, the same bytes off the heap, which
   * every body of that rendering shares. A body on the heap is copied into direct memory by Netty at each write, and
   * a composite one merged on the heap first: a storm on a 137 KB body allocated 137 KB per request, a young
   * collection every 5 ms. Direct memory is freed with its buffer by the collector, as the rendering is replaced.
   */
  record Prefix(byte[] bytes, ByteBuf direct) {

    static Prefix of(byte[] bytes) {
      if (bytes.length < SHARED_PREFIX_BYTES) {
        return new Prefix(bytes, null);
      }
      return new Prefix(bytes, Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()));
    }
  }

  /** One rendered body and what it was rendered from; immutable, shared by every event loop. */
  record Body(Object source, String reason, long uptimeMs, long epochMillis, int status, Buffer bytes) {
  }

  private static final byte[] UPTIME = ascii(",\"uptime\":");
  private static final byte[] TIMESTAMP = ascii(",\"timestamp\":\"");
  private static final byte[] REASON = ascii(",\"reason\":\"");
  private static final byte[] LIVE_OK = ascii("{\"status\":\"ok\"");
  private static final byte[] LIVE_ERROR = ascii("{\"status\":\"error\"");
  private static final byte[] LAG = ascii(",\"event_loop_lag_ms\":");
  private static final byte[] EMPTY = new byte[0];
  /** From this size on a body shares its prefix (a composite buffer) rather than copying it. */
  static final int SHARED_PREFIX_BYTES = 8192;
  private static final DateTimeFormatter SECONDS =
    DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.").withZone(ZoneOffset.UTC);

  private record Second(long epochSecond, byte[] text) {
  }

  // Shared by every event loop; a race only renders the same thing twice.
  private static volatile Second lastSecond = new Second(Long.MIN_VALUE, new byte[0]);

  private TimedBodies() {
  }

  /**
   * {@code prefix + ,"uptime":s.mmm,"timestamp":"..." [+ ,"reason":"..."] + }}: the layout of
   * {@link HealthJson#summary} plus the reason of {@link ReportRenderer#summary}, byte for byte.
   */
  static Buffer shortForm(Prefix prefix, long uptimeMs, long epochMillis, String reason) {
    if (prefix.direct() == null) {
      return shortForm(prefix.bytes(), uptimeMs, epochMillis, reason);
    }
    // Thousands of checks: the prefix is shared, not copied into a new body every millisecond of a probe storm, and
    // the body is all direct, so that a write copies nothing.
    byte[] suffix = shortForm(EMPTY, uptimeMs, epochMillis, reason).getBytes();
    ByteBuf tail = Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(suffix.length).put(suffix).flip());
    return BufferInternal.buffer(Unpooled.wrappedBuffer(prefix.direct().duplicate(), tail));
  }

  static Buffer shortForm(byte[] prefix, long uptimeMs, long epochMillis, String reason) {
    long seconds = uptimeMs / 1000;
    byte[] date = dateTime(Math.floorDiv(epochMillis, 1000));
    int length = prefix.length + UPTIME.length + digits(seconds) + 4 + TIMESTAMP.length + date.length + 5
      + (reason == null ? 0 : REASON.length + reason.length() + 1) + 1;
    Buffer body = Buffer.buffer(length).appendBytes(prefix).appendBytes(UPTIME);
    appendDigits(body, seconds);
    body.appendByte((byte) '.');
    appendThree(body, uptimeMs % 1000);
    body.appendBytes(TIMESTAMP).appendBytes(date);
    appendThree(body, Math.floorMod(epochMillis, 1000));
    body.appendByte((byte) 'Z').appendByte((byte) '"');
    if (reason != null) {
      body.appendBytes(REASON).appendString(reason, "US-ASCII").appendByte((byte) '"'); // draining, starting
    }
    return body.appendByte((byte) '}');
  }

  /** {@code {"status":"ok","event_loop_lag_ms":N}}: the body of {@code /health/live}. */
  static Buffer live(boolean alive, long lagMs) {
    byte[] status = alive ? LIVE_OK : LIVE_ERROR;
    Buffer body = Buffer.buffer(status.length + LAG.length + digits(lagMs) + 1).appendBytes(status).appendBytes(LAG);
    appendDigits(body, lagMs);
    return body.appendByte((byte) '}');
  }

  /** {@code 2026-11-23T12:00:00.} for the second, formatted once per second. */
  private static byte[] dateTime(long epochSecond) {
    Second cached = lastSecond;
    if (cached.epochSecond() != epochSecond) {
      cached = new Second(epochSecond, ascii(SECONDS.format(Instant.ofEpochSecond(epochSecond))));
      lastSecond = cached;
    }
    return cached.text();
  }

  private static int digits(long value) {
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    return digits;
  }

  private static void appendDigits(Buffer body, long value) {
    long power = 1;
    for (int i = digits(value); i > 1; i--) {
      power *= 10;
    }
    for (; power > 0; power /= 10) {
      body.appendByte((byte) ('0' + (value / power) % 10));
    }
  }

  private static void appendThree(Buffer body, long value) {
    body.appendByte((byte) ('0' + value / 100)).appendByte((byte) ('0' + value / 10 % 10))
      .appendByte((byte) ('0' + value % 10));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
