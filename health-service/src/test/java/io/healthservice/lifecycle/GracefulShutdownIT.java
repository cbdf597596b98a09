package io.healthservice.lifecycle;

import io.healthservice.support.Eventually;
import io.healthservice.support.Ports;
import io.healthservice.support.RealServers;
import io.healthservice.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM against a real process: the timeline Kubernetes relies on during a rolling update. */
class GracefulShutdownIT {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  private int status(int port, String path) throws InterruptedException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1; // not listening (InterruptedException passes: the JUnit timeout must end the wait)
    }
  }

  /** Polls {@code path} every {@code pollMs} until it answers {@code expected}; fails after {@code timeout}. */
  private void awaitStatus(ServiceProcess process, int port, String path, int expected, Duration timeout, long pollMs)
    throws Exception {
    try {
      Eventually.until(path + " answering " + expected, timeout, Duration.ofMillis(pollMs), () -> status(port, path),
        last -> last == expected);
    } catch (AssertionError notWithin) {
      throw new AssertionError(notWithin.getMessage() + "; output: " + process.output(), notWithin);
    }
  }

  private ServiceProcess startReady(int port, String drain) throws Exception {
    ServiceProcess process = ServiceProcess.start(Map.of("HTTP_PORT", Integer.toString(port), "HTTP_HOST", "127.0.0.1",
      "SHUTDOWN_DRAIN", drain, "DATABASE_URL", RealServers.DATABASE_URL, "REDIS_URL", RealServers.REDIS_URL));
    try {
      awaitStatus(process, port, "/health/ready", 200, Duration.ofSeconds(20), 50);
      return process;
    } catch (Throwable notReady) { // including the JUnit timeout's interrupt: leave no stray service behind
      process.close();
      throw notReady;
    }
  }

  @Test
  void sigtermDrainsThenExitsZero() throws Exception {
    int port = Ports.free();
    try (ServiceProcess process = startReady(port, "2s")) {
      long termAt = System.nanoTime();
      process.process().destroy(); // SIGTERM
      awaitStatus(process, port, "/health/ready", 503, Duration.ofSeconds(5), 5);
      long readyOffMs = (System.nanoTime() - termAt) / 1_000_000;
      assertThat(readyOffMs).as("readiness turns 503").isLessThan(100);
      assertThat(status(port, "/health/live")).isEqualTo(200);
      assertThat(status(port, "/health")).isEqualTo(200);

      // Still serving during the drain: at every look for a second, not only at its end.
      Eventually.throughout(Duration.ofSeconds(1), Duration.ofMillis(100), () -> {
        assertThat(status(port, "/health/live")).isEqualTo(200);
        assertThat(status(port, "/health/ready")).isEqualTo(503);
      });

      int code = process.awaitExit(2 + 5);
      long exitedMs = (System.nanoTime() - termAt) / 1_000_000;
      assertThat(code).as(process.output()).isZero();
      assertThat(exitedMs).isBetween(1900L, 7000L);
      assertThat(process.output()).contains("draining").contains("stopped");
    }
  }

  /**
   * SIGTERM the moment the port accepts, before the start has finished (the other instances, gRPC): the
   * window in which a probe already sees the service. It must drain like any other SIGTERM, not die.
   */
  @Test
  void sigtermRightAfterTheFirstListenStillDrains() throws Exception {
    int port = Ports.free();
    try (ServiceProcess process = ServiceProcess.start(Map.of("HTTP_PORT", Integer.toString(port), "HTTP_HOST",
      "127.0.0.1", "SHUTDOWN_DRAIN", "1s", "DATABASE_URL", RealServers.DATABASE_URL, "REDIS_URL", RealServers.REDIS_URL))) {
      try {
        Eventually.until("listening (or exited)", Duration.ofSeconds(20), Duration.ofMillis(1),
          () -> accepts(port) || !process.process().isAlive(), Boolean.TRUE::equals);
      } catch (AssertionError notWithin) {
        throw new AssertionError("never listened; output: " + process.output(), notWithin);
      }
      if (!process.process().isAlive()) {
        throw new AssertionError("exited before listening; output: " + process.output());
      }
      process.process().destroy();
      assertThat(process.awaitExit(1 + 5)).as(process.output()).isZero();
      assertThat(process.output()).contains("draining").contains("stopped");
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void zeroDrainExitsPromptly() throws Exception {
    int port = Ports.free();
    try (ServiceProcess process = startReady(port, "0s")) {
      long termAt = System.nanoTime();
      process.process().destroy();
      assertThat(process.awaitExit(5)).isZero();
      assertThat((System.nanoTime() - termAt) / 1_000_000).isLessThan(3000);
    }
  }

  @Test
  void secondSigtermExitsAtOnce() throws Exception {
    int port = Ports.free();
    try (ServiceProcess process = startReady(port, "30s")) {
      process.process().destroy();
      awaitStatus(process, port, "/health/ready", 503, Duration.ofSeconds(5), 5);
      long secondAt = System.nanoTime();
      process.process().destroy();
      int code = process.awaitExit(5);
      assertThat((System.nanoTime() - secondAt) / 1_000_000).isLessThan(2000);
      assertThat(code).isEqualTo(143);
    }
  }
}
