package io.healthservice.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A private Alertmanager (Debian's {@code prometheus-alertmanager}) on 127.0.0.1 and a spare port, clustering
 * off, its own storage dir; owned by PID. {@link #stop()} and {@link #restart()} keep the port and the storage,
 * as a real Alertmanager restarting would.
 */
public final class AlertmanagerProcess implements AutoCloseable {

  public static final String BINARY = "/usr/bin/prometheus-alertmanager";
  public static final String AMTOOL = "/usr/bin/amtool";

  private final Path dir;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  private AlertmanagerProcess(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts one with {@code config} (alertmanager.yml's text) and waits until it is ready. */
  public static AlertmanagerProcess start(String config) throws IOException {
    Exec.requireBinary(BINARY, "prometheus-alertmanager");
    AlertmanagerProcess am = new AlertmanagerProcess(Exec.tempDir("alertmanager", false), Ports.free());
    Exec.track(am);
    try {
      Files.writeString(am.dir.resolve("alertmanager.yml"), config);
      am.restart();
      return am;
    } catch (RuntimeException | IOException e) {
      am.close();
      throw e;
    }
  }

  /**
   * Starts one with the shipped {@code deploy/alertmanager/alertmanager.yml} ({@code shipped}) as it is (its routes and
   * inhibit rules are what the test is about), but for a webhook of the test's own ({@code receiverUrl}) on its
   * {@code team} receiver and waits in seconds: {@code group_wait} 1 s, {@code group_interval} {@code groupInterval}.
   */
  public static AlertmanagerProcess startShipped(Path shipped, String receiverUrl, Duration groupInterval)
      throws IOException {
    String text = Files.readString(shipped);
    String interval = "group_interval: " + groupInterval.toSeconds() + "s";
    String config = text.replace("group_wait: 30s", "group_wait: 1s")
      .replace("group_interval: 5m", interval)
      .replace("  - name: team\n", "  - name: team\n    webhook_configs:\n      - url: " + receiverUrl
        + "\n        send_resolved: true\n");
    if (!config.contains("group_wait: 1s") || !config.contains(interval) || !config.contains(receiverUrl)) {
      throw new IllegalStateException(shipped + " no longer has what the tests replace (group_wait: 30s, "
        + "group_interval: 5m, the receiver team)");
    }
    return start(config);
  }

  /** {@code amtool check-config file} within 10 s. */
  public static Exec.Result checkConfig(Path file) {
    Exec.requireBinary(AMTOOL, "prometheus-alertmanager");
    return Exec.run(Duration.ofSeconds(10), List.of(AMTOOL, "check-config", file.toString()));
  }

  /** Starts it (again) on the same port and storage; waits for {@code /-/ready}. */
  public void restart() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    process = Exec.spawn(List.of(BINARY, "--config.file=" + dir.resolve("alertmanager.yml"),
      "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
      "--cluster.listen-address=", "--log.level=info"), dir, dir.resolve("alertmanager-" + System.nanoTime() + ".log"));
    Exec.awaitListening(process, port, Duration.ofSeconds(15), this::log);
    Exec.await("Alertmanager ready", Duration.ofSeconds(15), () -> get("/-/ready").startsWith("200"), this::log);
  }

  /** SIGTERM (SIGKILL after 5 s): the port refuses connections until {@link #restart()}. */
  public void stop() throws InterruptedException {
    Processes.stop(process);
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** "status body" of a GET, or "0 error" when it does not answer. */
  public String get(String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + path))
        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (IOException e) {
      return "0 " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "0 interrupted";
    }
  }

  /** Everything it logged, every start included. */
  public String log() {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().endsWith(".log")).sorted()
        .forEach(f -> all.append(Exec.read(f)));
    } catch (IOException e) {
      all.append("(no logs: ").append(e).append(')');
    }
    return all.toString();
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
      Exec.untrack(this);
    }
  }
}
