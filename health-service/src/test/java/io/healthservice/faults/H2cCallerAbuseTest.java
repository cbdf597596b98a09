package io.healthservice.faults;

import io.healthservice.support.Eventually;
import io.healthservice.support.Fixture;
import io.healthservice.support.RunningService;
import io.healthservice.support.RunningService.Probe;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection guard with h2c on the HTTP port (the default, for gRPC health). The server first reads
 * enough bytes to tell HTTP/2's preface from HTTP/1.1; only then does a connection reach the guard. What
 * still holds: connections that never send anything, or stop halfway, are closed by the idle timeout; once
 * a connection has spoken (an HTTP/2 preface), it counts against max_connections; probes keep answering.
 */
@ExtendWith(VertxExtension.class)
class H2cCallerAbuseTest {

  private static final byte[] H2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private Fixture fixture;
  private RunningService service;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    fixture = new Fixture(vertx);
    fixture.config.put("http", new JsonObject().put("idle_timeout", "1s").put("request_timeout", "1s")
      .put("max_connections", 300));
    // Started without fixture.start()'s 1 s bound on the first probes: a cold JVM on a loaded machine may
    // take longer, and that is not what this test is about (probesAnswer() bounds the probes that are).
    service = RunningService.start(fixture.config, fixture.env);
    service.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(30), 10_000);
  }

  @AfterEach
  void tearDown() throws Exception {
    service.close();
    fixture.close();
  }

  /** -1: closed by the server; 0: still open after {@code waitMs}; 1: it sent something. */
  private static int state(Socket socket, int waitMs) throws IOException {
    socket.setSoTimeout(waitMs);
    try {
      InputStream in = socket.getInputStream();
      return in.read() == -1 ? -1 : 1;
    } catch (SocketTimeoutException open) {
      return 0;
    } catch (IOException reset) {
      return -1;
    }
  }

  private void probesAnswer() throws Exception {
    for (int i = 0; i < 10; i++) {
      Probe probe = service.get("/health");
      assertThat(probe.status()).isEqualTo(200);
      assertThat(probe.elapsedMs()).isLessThan(1000);
    }
  }

  @Test
  void silentAndHalfSentConnectionsAreClosedByTheIdleTimeout() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        sockets.add(new Socket("127.0.0.1", service.port())); // never sends a byte
        Socket half = new Socket("127.0.0.1", service.port());
        half.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
        sockets.add(half);
        Socket halfPreface = new Socket("127.0.0.1", service.port());
        halfPreface.getOutputStream().write(H2_PREFACE, 0, 10);
        sockets.add(halfPreface);
      }
      probesAnswer();
      // idle_timeout is 1 s: every one is closed well within 3 s of the probes.
      long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      int closed = 0;
      for (Socket socket : sockets) {
        if (state(socket, (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000)) == -1) {
          closed++;
        }
      }
      assertThat(closed).isEqualTo(sockets.size());
      probesAnswer();
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void http2ConnectionsCountAgainstMaxConnections() throws Exception {
    List<Socket> flood = new ArrayList<>();
    try {
      for (int i = 0; i < 400; i++) {
        Socket socket = new Socket("127.0.0.1", service.port());
        socket.getOutputStream().write(H2_PREFACE);
        flood.add(socket);
      }
      Eventually.until("connections beyond max_connections (300) closed", Duration.ofSeconds(5), () -> {
        int closed = 0;
        for (Socket socket : flood) {
          // An HTTP/2 server answers the preface with its SETTINGS: read it all, then see whether it closed.
          socket.setSoTimeout(5);
          try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[256];
            int n;
            while ((n = in.read(buffer)) > 0) {
              // drain SETTINGS / GOAWAY
            }
            if (n == -1) {
              closed++;
            }
          } catch (SocketTimeoutException open) {
            // held open
          } catch (IOException reset) {
            closed++;
          }
        }
        return closed;
      }, closed -> closed >= 90);
    } finally {
      for (Socket socket : flood) {
        socket.close();
      }
    }
    // The server sees the flood's closes a moment later: until then a new connection may still be over the cap.
    Eventually.until("a probe answering once the flood is gone", Duration.ofSeconds(2), () -> {
      try {
        return service.get("/health").status();
      } catch (IOException refused) {
        return -1;
      }
    }, status -> status != -1);
    probesAnswer();
  }
}
