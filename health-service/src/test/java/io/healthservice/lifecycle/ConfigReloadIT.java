package io.healthservice.lifecycle;

import io.healthservice.support.Eventually;
import io.healthservice.support.Ports;
import io.healthservice.support.ServiceProcess;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reload without a restart, against a real process while a probe loop runs: SIGHUP after an edit, a ConfigMap's
 * {@code ..data} symlink swap, and an invalid file. Every probe answers 200, the unchanged check never flaps, the
 * process never exits.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConfigReloadIT {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private final List<ServerSocket> listeners = new ArrayList<>();
  private final AtomicBoolean probing = new AtomicBoolean(true);

  @AfterEach
  void closeListeners() throws IOException {
    probing.set(false);
    for (ServerSocket listener : listeners) {
      listener.close();
    }
  }

  /** A TCP server that accepts and closes: what a tcp check needs to be ok. */
  private int listener() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    listeners.add(server);
    Thread accept = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket ignored = server.accept()) {
          // accepted and closed
        } catch (IOException closed) {
          return;
        }
      }
    }, "listener-" + server.getLocalPort());
    accept.setDaemon(true);
    accept.start();
    return server.getLocalPort();
  }

  private static String config(Map<String, String> checks) {
    StringBuilder yaml = new StringBuilder("checks:\n  database: {enabled: false}\n  redis: {enabled: false}\n");
    checks.forEach((name, settings) -> yaml.append("  ").append(name).append(": ").append(settings).append('\n'));
    return yaml.toString();
  }

  private static String tcp(int port) {
    return "{type: tcp, url: 'tcp://127.0.0.1:" + port + "', interval: 1s, timeout: 500ms}";
  }

  /** Writes {@code yaml} as a ConfigMap volume would: a new timestamped directory, then an atomic swap of {@code ..data}. */
  private static void configMap(Path dir, String version, String yaml) throws IOException {
    Path data = Files.createDirectory(dir.resolve(".." + version));
    Files.writeString(data.resolve("config.yaml"), yaml);
    Path next = dir.resolve("..data_tmp");
    Files.deleteIfExists(next);
    Files.createSymbolicLink(next, data.getFileName());
    Files.move(next, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(1))
      .build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonObject awaitDependencies(ServiceProcess process, int port, String what, java.util.function.Predicate<JsonObject> accept)
    throws Exception {
    try {
      return Eventually.until(what, Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
        try {
          return new JsonObject(get(port, "/health").body()).getJsonObject("dependencies");
        } catch (IOException notListeningYet) {
          return null;
        }
      }, d -> d != null && accept.test(d));
    } catch (AssertionError notWithin) {
      throw new AssertionError(notWithin.getMessage() + "; output: " + process.output(), notWithin);
    }
  }

  @Test
  void sighupAConfigMapSwapAndAnInvalidFileReloadLiveWithoutAFailedProbe(@TempDir Path dir) throws Exception {
    int alpha = listener();
    int beta = listener();
    int gamma = listener();
    int port = Ports.free();
    configMap(dir, "v1", config(Map.of("alpha", tcp(alpha), "beta", tcp(beta))));
    Files.createSymbolicLink(dir.resolve("config.yaml"), Path.of("..data/config.yaml"));
    try (ServiceProcess process = ServiceProcess.start(Map.of("HTTP_PORT", Integer.toString(port), "HTTP_HOST",
      "127.0.0.1", "HEALTH_CONFIG", dir.resolve("config.yaml").toString()))) {
      awaitDependencies(process, port, "alpha and beta ok", d -> "ok".equals(d.getString("alpha")) && "ok".equals(d.getString("beta")));

      // The probe loop: every answer of /health must be 200 with alpha ok, whatever the reloads do.
      List<String> bad = new CopyOnWriteArrayList<>();
      AtomicInteger probes = new AtomicInteger();
      Thread loop = new Thread(() -> {
        while (probing.get()) {
          try {
            HttpResponse<String> answer = get(port, "/health");
            probes.incrementAndGet();
            String alphaSays = new JsonObject(answer.body()).getJsonObject("dependencies").getString("alpha");
            if (answer.statusCode() != 200 || !"ok".equals(alphaSays)) {
              bad.add(answer.statusCode() + " " + answer.body());
            }
            Thread.sleep(20);
          } catch (Exception e) {
            bad.add(e.toString());
          }
        }
      }, "probe-loop");
      loop.start();

      // 1. SIGHUP after an edit: gamma added, beta removed, alpha unchanged.
      String v2 = config(Map.of("alpha", tcp(alpha), "gamma", tcp(gamma)));
      configMap(dir, "v2", v2);
      new ProcessBuilder("kill", "-HUP", Long.toString(process.process().pid())).start().waitFor(5, TimeUnit.SECONDS);
      awaitDependencies(process, port, "gamma ok and beta gone", d -> "ok".equals(d.getString("gamma")) && !d.containsKey("beta"));
      try {
        Eventually.until("the SIGHUP reload logged", Duration.ofSeconds(10),
          () -> process.output().contains("reloading the configuration (SIGHUP)"));
      } catch (AssertionError notLogged) {
        throw new AssertionError(notLogged.getMessage() + "; output: " + process.output(), notLogged);
      }
      Eventually.until("beta's series gone from /metrics", Duration.ofSeconds(10),
        () -> !get(port, "/metrics").body().contains("check=\"beta\""));

      // 2. A ConfigMap update alone (no signal): gamma changed (a new interval), delta added.
      configMap(dir, "v3", config(Map.of("alpha", tcp(alpha), "gamma",
        "{type: tcp, url: 'tcp://127.0.0.1:" + gamma + "', interval: 2s}", "delta", tcp(gamma))));
      awaitDependencies(process, port, "delta ok", d -> "ok".equals(d.getString("delta")) && "ok".equals(d.getString("gamma")));
      assertThat(process.output()).contains("reloading the configuration (file change").contains("added [delta]")
        .contains("changed [gamma]");

      // 3. An invalid file changes nothing: one line names the key, the metric says so.
      configMap(dir, "v4", config(Map.of("alpha", tcp(alpha), "delta", "{type: tcp, url: 'tcp://127.0.0.1:1', interval: soon}")));
      Eventually.until("the refusal logged", Duration.ofSeconds(15), () -> process.output().contains("reload refused"));
      assertThat(process.output()).contains("checks.delta.interval");
      assertThat(get(port, "/metrics").body()).contains("health_config_last_reload_successful 0.0");
      JsonObject kept = awaitDependencies(process, port, "the running checks kept", d -> d.containsKey("gamma"));
      assertThat(kept.getMap()).containsEntry("delta", "ok").containsEntry("gamma", "ok");

      probing.set(false);
      loop.join(5000);
      assertThat(process.process().isAlive()).isTrue();
      assertThat(probes.get()).as("probes during the reloads").isGreaterThan(50);
      assertThat(bad).as("probes that failed or saw alpha flap").isEmpty();
      assertThat(get(port, "/metrics").body()).contains("health_state_changes_total{check=\"alpha\"} 0.0");
      System.out.println("ConfigReloadIT: " + probes.get() + " probes, none failed; the service's log:\n" + process.output());
    }
  }
}
