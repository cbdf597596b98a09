package io.healthservice;

import com.sun.management.ThreadMXBean;
import io.healthservice.support.Loop;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes allocated per plain {@code /health} probe on the fast path, beyond what a bare Vert.x server answering
 * a fixed body of the same size allocates for the same request: a count, not a timing, so load does not move
 * it. Every thread's allocation is summed (event loops and this client alike; the client's share is the same
 * for both servers and cancels out). The target is 256 bytes; bench/run.sh reports the same figure.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // 240,000 sequential requests a test: about 17 s on an idle host, several times that on a busy one
class ProbeAllocationTest {

  static final int REQUESTS = 20_000;
  static final long MAX_EXCESS_BYTES_PER_REQUEST = 256;

  private final Vertx vertx = Vertx.vertx();
  private final Loop loop = new Loop(vertx);
  private HealthChecker checker;

  @AfterEach
  void close() throws Exception {
    if (checker != null) {
      loop.await(checker::stop);
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aPlainProbeAllocatesAtMost256BytesMoreThanABareServer() throws Exception {
    Router router = startedRouter();
    long[] excess = excessOverABareServer(checker.probes().fastPath("/health", router));
    System.out.println("probe allocation beyond a bare server, bytes per request: " + Arrays.toString(excess));
    assertThat(excess[1]).as("median of 3 rounds of %d requests", REQUESTS).isLessThanOrEqualTo(MAX_EXCESS_BYTES_PER_REQUEST);
  }

  /** The instrument sees what the fast path avoids: the router's routing context and its sub-router's, per request. */
  @Test
  void theSameMeasureSeesTheRoutersAllocation() throws Exception {
    Router router = startedRouter();
    long[] excess = excessOverABareServer(router);
    System.out.println("router allocation beyond a bare server, bytes per request: " + Arrays.toString(excess));
    assertThat(excess[1]).as("median of 3 rounds of %d requests through the router", REQUESTS)
      .isGreaterThan(MAX_EXCESS_BYTES_PER_REQUEST);
  }

  private Router startedRouter() throws Exception {
    checker = HealthChecker.builder(vertx, "shop", "2.0.1")
      .check(DependencyCheck.of("database", Future::succeededFuture), CheckSettings.of(true, Duration.ofSeconds(5), Duration.ofSeconds(1)))
      .logTransitions(false)
      .build();
    loop.await(checker::start);
    Router router = Router.router(vertx);
    checker.probes().addTo(router, "/health");
    return router;
  }

  /** Bytes per {@code /health} request on {@code probes} beyond a bare server's per request: 3 rounds, sorted. */
  private long[] excessOverABareServer(Handler<HttpServerRequest> handler) throws Exception {
    HttpServer probes = vertx.createHttpServer().requestHandler(handler)
      .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    try (Socket client = connect(probes.actualPort())) {
      // The first run must have completed: a starting checker answers another body.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!checker.snapshot().started()) {
        assertThat(System.nanoTime()).as("first check run within 10 s").isLessThan(deadline);
        Thread.sleep(10);
      }
      int bodyBytes = request(client, "/health");
      Buffer fixed = Buffer.buffer("x".repeat(bodyBytes));
      HttpServer bare = vertx.createHttpServer().requestHandler(req -> req.response()
          .putHeader("vary", "Accept").putHeader("content-type", "application/json").putHeader("cache-control", "no-store")
          .end(fixed))
        .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
      try (Socket baseline = connect(bare.actualPort())) {
        long[] excess = new long[3];
        for (int round = 0; round < excess.length; round++) {
          long probe = allocatedPerRequest(client, "/health");
          long plain = allocatedPerRequest(baseline, "/");
          excess[round] = probe - plain;
        }
        Arrays.sort(excess);
        return excess;
      }
    }
  }

  private static Socket connect(int port) throws Exception {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5_000); // every read has a deadline
    socket.setTcpNoDelay(true);
    return socket;
  }

  /** Warms up with {@link #REQUESTS} requests, then measures as many: all threads' allocated bytes ÷ requests. */
  private static long allocatedPerRequest(Socket socket, String path) throws Exception {
    for (int i = 0; i < REQUESTS; i++) {
      request(socket, path);
    }
    long before = allocatedByAllThreads();
    for (int i = 0; i < REQUESTS; i++) {
      request(socket, path);
    }
    return (allocatedByAllThreads() - before) / REQUESTS;
  }

  private static long allocatedByAllThreads() {
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    return Arrays.stream(threads.getThreadAllocatedBytes(threads.getAllThreadIds())).filter(b -> b > 0).sum();
  }

  private static final byte[] RESPONSE = new byte[8192];

  /** One keep-alive GET; returns the body's length. Allocates nothing per call once its request bytes exist. */
  private static int request(Socket socket, String path) throws Exception {
    OutputStream out = socket.getOutputStream();
    out.write(path.equals("/") ? GET_ROOT : GET_HEALTH);
    out.flush();
    InputStream in = socket.getInputStream();
    int read = 0;
    int headerEnd = -1;
    int length = -1;
    while (headerEnd < 0 || read < headerEnd + length) {
      int n = in.read(RESPONSE, read, RESPONSE.length - read);
      if (n < 0) {
        throw new IllegalStateException("connection closed mid-response");
      }
      read += n;
      if (headerEnd < 0) {
        headerEnd = indexOf(RESPONSE, read, CRLF_CRLF);
        if (headerEnd >= 0) {
          headerEnd += CRLF_CRLF.length;
          length = contentLength(RESPONSE, headerEnd);
        }
      }
    }
    assertThat(RESPONSE[9]).as("status 200").isEqualTo((byte) '2');
    return length;
  }

  private static final byte[] GET_HEALTH = "GET /health HTTP/1.1\r\nHost: probe\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GET_ROOT = "GET / HTTP/1.1\r\nHost: probe\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRLF_CRLF = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_LENGTH = "\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

  private static int indexOf(byte[] bytes, int end, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= end; i++) {
      for (int j = 0; j < what.length; j++) {
        if (Character.toLowerCase(bytes[i + j]) != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int contentLength(byte[] bytes, int headerEnd) {
    int at = indexOf(bytes, headerEnd, CONTENT_LENGTH);
    assertThat(at).as("a content-length header").isNotNegative();
    int value = 0;
    for (int i = at + CONTENT_LENGTH.length; bytes[i] != '\r'; i++) {
      if (bytes[i] != ' ') {
        value = value * 10 + (bytes[i] - '0');
      }
    }
    return value;
  }
}
