package io.healthservice.status;

import io.healthservice.support.Browser;
import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.RunningService;
import io.healthservice.support.ServiceTest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /status} of the service with 5,000 tcp checks (against one local listener; one against a closed port) in
 * Debian's headless Chromium: the first paint is at most 300 KB and under a second, the failing check is the first
 * row, the filter and the pages work, a phone shows it without horizontal scrolling. The expectations are in
 * status-page-5000.mjs; screenshots land in target/status-page-5000*.png.
 */
class StatusPage5000BrowserTest extends ServiceTest {

  private static final int CHECKS = 5_000;
  private static final String FAILING = "c04242";
  private NetServer listener;

  @AfterEach
  void closeListener() throws Exception {
    if (listener != null) {
      listener.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(240) // 5,000 checks to start and run once, then a browser: more than the default minute
  void fiveThousandChecksPaintFastAndSmallWithTheFailingOneFirst() throws Exception {
    Browser browser = Browser.require();
    listener = vertx.createNetServer().connectHandler(socket -> socket.close());
    listener.listen(Ports.free(), "127.0.0.1").await(5, TimeUnit.SECONDS);
    int closed = Ports.free();
    JsonObject checks = fixture.config.getJsonObject("checks");
    for (int i = 1; i <= CHECKS; i++) {
      String name = String.format("c%05d", i);
      boolean failing = name.equals(FAILING);
      checks.put(name, new JsonObject().put("type", "tcp")
        .put("url", "tcp://127.0.0.1:" + (failing ? closed : listener.actualPort()))
        .put("interval", "10s").put("timeout", "2s").put("critical", failing));
    }
    service = RunningService.start(fixture.config, fixture.env);
    // Every check has run once (nothing pending) and the failing one is down.
    service.await("/status?state=pending", p -> p.body().contains("Page 1 of 1 (0 checks)"), Duration.ofSeconds(60), 10_000);
    service.await("/status?state=down", p -> p.body().contains("id=\"check-" + FAILING + "\""), Duration.ofSeconds(30), 10_000);

    // A service that has been up a while has its page's code compiled: warm it as a minute of viewers would
    // (a filtered view renders on each request; the default view once a second).
    for (int i = 0; i < 40; i++) {
      service.get("/status?page=" + (i % 50 + 1));
    }

    Path shots = Browser.SHOTS;
    Exec.Result result = browser.run(Duration.ofSeconds(180), "status-page-5000.mjs", List.of(
      "http://127.0.0.1:" + service.port() + "/status", FAILING, browser.chromium(), shots.toString()));
    System.out.println(result.stdout());
    assertThat(result.exitCode()).as("status-page-5000.mjs:\n%s\n%s", result.stdout(), result.stderr()).isZero();
    assertThat(result.stdout()).contains("all expectations held", "first paint: ");
    assertThat(Files.size(shots.resolve("status-page-5000.png"))).isGreaterThan(10_000);
  }
}
