package io.healthservice.faults;

import io.healthservice.support.Eventually;
import io.healthservice.support.Fixture;
import io.healthservice.support.LogCapture;
import io.healthservice.support.RunningService;
import io.healthservice.support.RunningService.Probe;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Callers that misbehave: oversized, malformed, slow or too many. Probes must still be answered. */
@ExtendWith(VertxExtension.class)
class CallerAbuseTest {

  private Fixture fixture;
  private RunningService service;
  private LogCapture logs;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    logs = LogCapture.install();
    fixture = new Fixture(vertx);
    fixture.config.put("http", new JsonObject().put("request_timeout", "1s").put("max_connections", 300));
    // gRPC on a port of its own: this HTTP port speaks HTTP/1.1 only, so the guard meets every connection at
    // its first byte (the default, h2c on this port, is H2cCallerAbuseTest's).
    fixture.config.put("grpc", new JsonObject().put("port", io.healthservice.support.Ports.free()));
    service = fixture.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    service.close();
    fixture.close();
    // Abuse is not an error of ours: no error-level line, no stack trace.
    assertThat(logs.lines()).noneMatch(l -> l.contains("SEVERE") || l.contains("\tat "));
    logs.close();
  }

  private static String raw(int port, String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      // Read the status line only: the connection may stay open (keep-alive).
      StringBuilder line = new StringBuilder();
      InputStream in = socket.getInputStream();
      for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString().trim();
    }
  }

  @Test
  void oversizedRequestLineAndHeadersAre414And431() throws Exception {
    assertThat(raw(service.port(), "GET /health?exclude=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"))
      .matches("HTTP/1\\.[01] 414 .*");
    assertThat(raw(service.port(), "GET /health HTTP/1.1\r\nHost: x\r\nX-Filler: " + "b".repeat(20_000) + "\r\n\r\n"))
      .matches("HTTP/1\\.[01] 431 .*");
    assertThat(service.get("/health").status()).isEqualTo(200);
  }

  @Test
  void malformedQueriesAre400NotStackTraces() throws Exception {
    for (String path : List.of("/health?exclude=%zz", "/health?verbose=%", "/health/ready?%%%")) {
      assertThat(raw(service.port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")).as(path).matches("HTTP/1\\.[01] 400 .*");
    }
    assertThat(raw(service.port(), "GARBAGE\r\n\r\n")).matches("HTTP/1\\.[01] 400 .*");
    assertThat(service.get("/health").status()).isEqualTo(200);
  }

  @Test
  void bodiesAreIgnoredAndLargeOnesRefused() throws Exception {
    String small = raw(service.port(), "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    assertThat(small).startsWith("HTTP/1.1 200");
    String large = raw(service.port(), "GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n");
    assertThat(large).startsWith("HTTP/1.1 413");
    assertThat(service.get("/health").status()).isEqualTo(200);
  }

  @Test
  void slowlorisConnectionsDoNotStopProbesAndAreClosed() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 200; i++) {
        Socket socket = new Socket("127.0.0.1", service.port());
        socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        slow.add(socket);
      }
      for (int i = 0; i < 20; i++) {
        Probe probe = service.get("/health");
        assertThat(probe.status()).isEqualTo(200);
        assertThat(probe.elapsedMs()).isLessThan(1000);
      }
      // request_timeout is 1 s: every half-sent request is cut off well within 3.5 s of the last probe.
      long deadline = System.nanoTime() + Duration.ofMillis(3500).toNanos();
      int closed = 0;
      for (Socket socket : slow) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        try (InputStream in = socket.getInputStream()) {
          if (in.read() == -1) {
            closed++;
          }
        } catch (java.io.IOException reset) {
          closed++;
        }
      }
      assertThat(closed).isEqualTo(slow.size());
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void aConnectionFloodIsCappedAndProbesStillAnswer() throws Exception {
    List<Socket> flood = new ArrayList<>();
    try {
      for (int i = 0; i < 400; i++) {
        flood.add(new Socket("127.0.0.1", service.port()));
      }
      // Connections beyond max_connections (300) are closed on accept.
      Eventually.until("connections beyond max_connections closed", Duration.ofSeconds(5), () -> {
        int closed = 0;
        for (Socket socket : flood) {
          socket.setSoTimeout(5);
          try {
            if (socket.getInputStream().read() == -1) {
              closed++;
            }
          } catch (java.net.SocketTimeoutException stillOpen) {
            // held open, waiting for a request
          } catch (java.io.IOException reset) {
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
    Probe probe = Eventually.until("a probe answering once the flood is gone", Duration.ofSeconds(2), () -> {
      try {
        return service.get("/health");
      } catch (java.io.IOException refused) {
        return null;
      }
    }, answer -> answer != null);
    assertThat(probe.status()).isEqualTo(200);
    assertThat(probe.elapsedMs()).isLessThan(1000);
  }
}
