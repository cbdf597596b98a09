package io.healthservice.http;

import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.Tools;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A private single-member etcd (Debian package {@code etcd-server}, 3.4 here) with its data in a temp dir and its
 * client and peer URLs on spare ports of 127.0.0.1; owned by its PID and killed by {@link #close()}.
 */
public final class EtcdServer implements AutoCloseable {

  public static final String BINARY = "/usr/bin/etcd";
  private static final Duration REQUEST = Duration.ofSeconds(5);

  private final Path dir;
  private final int clientPort;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread reaper = new Thread(this::close, "etcd-reaper");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST).build();
  private Process process;

  private EtcdServer(Path dir, int clientPort) {
    this.dir = dir;
    this.clientPort = clientPort;
  }

  /**
   * Started and answering {@code /health} with 200. {@code quotaBytes}: the backend quota
   * ({@code --quota-backend-bytes}), small to reach the NOSPACE alarm quickly; 0 for etcd's default.
   */
  public static EtcdServer start(long quotaBytes) throws Exception {
    Tools.require(BINARY, "etcd-server");
    EtcdServer etcd = new EtcdServer(Exec.tempDir("etcd", false), Ports.free());
    // A test that dies before close() (or a killed surefire fork) leaves no server behind.
    Runtime.getRuntime().addShutdownHook(etcd.reaper);
    try {
      String client = "http://127.0.0.1:" + etcd.clientPort;
      String peer = "http://127.0.0.1:" + Ports.free();
      List<String> command = new java.util.ArrayList<>(List.of(BINARY, "--name", "health-test",
        "--data-dir", etcd.dir.resolve("data").toString(),
        "--listen-client-urls", client, "--advertise-client-urls", client,
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "health-test=" + peer, "--initial-cluster-state", "new"));
      if (quotaBytes > 0) {
        command.addAll(List.of("--quota-backend-bytes", Long.toString(quotaBytes)));
      }
      etcd.process = Exec.spawn(command, etcd.dir, etcd.dir.resolve("etcd.log"));
      Exec.await("etcd answering /health", Duration.ofSeconds(20), () -> {
        if (!etcd.process.isAlive()) {
          throw new IllegalStateException("etcd exited with " + etcd.process.exitValue() + ": " + etcd.log());
        }
        return etcd.status("/health") == 200;
      }, etcd::log);
      return etcd;
    } catch (Exception e) {
      etcd.close();
      throw e;
    }
  }

  /** {@code http://127.0.0.1:<client port>}. */
  public String url() {
    return "http://127.0.0.1:" + clientPort;
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Puts 150 KB values (through etcd's JSON gateway, {@code /v3/kv/put}) until the backend quota is exceeded:
   * etcd raises the NOSPACE alarm, takes no more writes, and its {@code /health} answers 503
   * {@code {"health":"false"}}.
   */
  public void fillUntilNoSpace() throws Exception {
    String value = Base64.getEncoder().encodeToString(new byte[150_000]);
    for (int i = 0; i < 200; i++) {
      String key = Base64.getEncoder().encodeToString(("filler-" + i).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url() + "/v3/kv/put")).timeout(REQUEST)
        .POST(HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key + "\",\"value\":\"" + value + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
      if (put.body().contains("database space exceeded")) {
        Exec.await("etcd /health answering 503", Duration.ofSeconds(10), () -> status("/health") == 503, this::log);
        return;
      }
    }
    throw new IllegalStateException("etcd took 30 MB without exceeding its quota: " + log());
  }

  /** The status {@code path} answers with, or -1 when it does not (yet). */
  int status(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(REQUEST).GET().build(),
        HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** What etcd logged. */
  public String log() {
    return Exec.read(dir.resolve("etcd.log"));
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
