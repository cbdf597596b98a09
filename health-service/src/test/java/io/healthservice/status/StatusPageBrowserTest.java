package io.healthservice.status;

import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.RunningService;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy.Mode;
import io.healthservice.support.Tools;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code /status} in a real browser (Debian's headless Chromium, driven by playwright-core from
 * src/test/browser), with ten checks: while Redis fails and recovers, a person sees the states, the timeline and the
 * transitions change, under the page's own Content-Security-Policy and on a phone-sized screen.
 * Screenshots land in target/status-page*.png. The expectations are in status-page.mjs.
 */
class StatusPageBrowserTest extends ServiceTest {

  /** Surefire runs in the project's root directory (see the pom); an IDE may run in the module's. */
  private static final Path MODULE = Files.isDirectory(Path.of("health-service/src/test/browser"))
    ? Path.of("health-service") : Path.of("");
  private static final Path SCRIPTS = MODULE.resolve("src/test/browser");
  private HttpServer control;
  private io.vertx.core.net.NetServer listener;

  @AfterEach
  void closeControl() throws Exception {
    if (control != null) {
      control.close().await(5, TimeUnit.SECONDS);
    }
    if (listener != null) {
      listener.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aPersonSeesRedisGoDownAndComeBack() throws Exception {
    String node = Tools.require("/usr/bin/node", "nodejs");
    String chromium = Tools.require("/usr/bin/chromium", "chromium");
    requirePlaywright();
    // Ten checks: the three seeds and seven tcp checks of a listener of the test's own (as many as a small service).
    listener = vertx.createNetServer().connectHandler(socket -> socket.close());
    listener.listen(Ports.free(), "127.0.0.1").await(5, TimeUnit.SECONDS);
    for (String name : List.of("queue", "search", "mail", "ldap", "cache-2", "billing", "auth")) {
      fixture.config.getJsonObject("checks").put(name, new io.vertx.core.json.JsonObject().put("type", "tcp")
        .put("url", "tcp://127.0.0.1:" + listener.actualPort()).put("interval", "1s").put("critical", false));
    }
    service = RunningService.start(fixture.config, fixture.env);
    service.await("/health/started", p -> p.status() == 200, Duration.ofSeconds(15), 5_000);

    // The script switches the proxy in front of Redis through this tiny server, so the outage starts
    // while the page is open.
    control = vertx.createHttpServer().requestHandler(request -> {
      Mode mode = request.path().endsWith("/refuse") ? Mode.REFUSE : Mode.FORWARD;
      vertx.executeBlocking(() -> {
        fixture.redis.set(mode);
        return mode;
      }).onComplete(ar -> request.response().setStatusCode(ar.succeeded() ? 204 : 500).end());
    });
    control.listen(Ports.free(), "127.0.0.1").await(5, TimeUnit.SECONDS);

    Path shots = MODULE.resolve("target").toAbsolutePath();
    Exec.Result result = Exec.run(Duration.ofSeconds(180), List.of(node, SCRIPTS.resolve("status-page.mjs").toString(),
      "http://127.0.0.1:" + service.port() + "/status", "http://127.0.0.1:" + control.actualPort(), chromium,
      shots.toString()));
    assertThat(result.exitCode()).as("status-page.mjs:\n%s\n%s", result.stdout(), result.stderr()).isZero();
    assertThat(result.stdout()).contains("all expectations held");
    for (String shot : List.of("status-page.png", "status-page-outage.png", "status-page-phone.png")) {
      assertThat(Files.size(shots.resolve(shot))).as(shot).isGreaterThan(10_000);
    }
  }

  /** playwright-core is installed by {@code npm ci} in src/test/browser (.ci/run does it). */
  private static void requirePlaywright() {
    if (Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
      return;
    }
    String message = "playwright-core is missing: run npm ci in health-service/src/test/browser (.ci/run does)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.abort(message);
  }
}
