package io.healthservice.nats;

import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.Tools;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A private nats-server (Debian package {@code nats-server}, 2.9 here) on a spare port of 127.0.0.1, owned by its
 * PID and killed by {@link #close()}. Never the machine's own server on 4222. Options such as
 * {@code "--auth", token}, {@code "--user", u, "--pass", p} or {@code "--tls", "--tlscert", f, "--tlskey", k} are
 * passed through. Public (in the test-jar) so the service's end-to-end test can start the same server.
 */
public final class NatsServer implements AutoCloseable {

  public static final String BINARY = "/usr/sbin/nats-server";

  private final Path dir;
  private final String address;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread reaper = new Thread(this::close, "nats-server-reaper");
  private Process process;

  private NatsServer(Path dir, String address, int port) {
    this.dir = dir;
    this.address = address;
    this.port = port;
  }

  /** A server on 127.0.0.1 with {@code options}; fails under CI=true (skips elsewhere) without nats-server. */
  public static NatsServer start(String... options) throws IOException {
    return startOn("127.0.0.1", options);
  }

  /** A server bound to {@code address} (e.g. 127.0.0.2: a name its certificate does not cover). */
  public static NatsServer startOn(String address, String... options) throws IOException {
    Tools.require(BINARY, "nats-server");
    NatsServer server = new NatsServer(Exec.tempDir("nats", false), address, Ports.free());
    // A test that dies before close() (or a killed surefire fork) leaves no server behind.
    Runtime.getRuntime().addShutdownHook(server.reaper);
    try {
      List<String> command = new ArrayList<>(List.of(BINARY, "-a", address, "-p", String.valueOf(server.port),
        "--pid", server.dir.resolve("nats.pid").toString()));
      command.addAll(List.of(options));
      server.process = Exec.spawn(command, server.dir, server.dir.resolve("nats.log"));
      server.awaitListening(Duration.ofSeconds(10));
      return server;
    } catch (RuntimeException | IOException e) {
      server.close();
      throw e;
    }
  }

  private void awaitListening(Duration deadline) {
    Exec.await("nats-server on " + address + ":" + port, deadline, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("nats-server exited with " + process.exitValue() + ": " + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), 200);
        return true;
      } catch (IOException e) {
        return false;
      }
    }, this::log);
  }

  public String host() {
    return address;
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** {@code nats://host:port}, or with another scheme ({@code tls}). */
  public String url(String scheme) {
    return scheme + "://" + address + ":" + port;
  }

  /** What the server logged. */
  public String log() {
    return Exec.read(dir.resolve("nats.log"));
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      Exec.kill(process);
    } finally {
      Exec.deleteTree(dir);
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // Called from the hook itself.
      }
    }
  }
}
