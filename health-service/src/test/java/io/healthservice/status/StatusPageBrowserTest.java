package io.healthservice.status;

import io.healthservice.support.Browser;
import io.healthservice.support.Exec;
import io.healthservice.support.Ports;
import io.healthservice.support.RunningService;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /status} in a real browser (Debian's headless Chromium, driven by playwright-core from
 * src/test/browser), with ten checks: while Redis fails and recovers, a person sees the states, the timeline and the
 * transitions change, under the page's own Content-Security-Policy and on a phone-sized screen.
 * Screenshots land in target/status-page*.png. The expectations are in status-page.mjs.
 */
class StatusPageBrowserTest extends ServiceTest {

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
  @Timeout(240) // a service, then a browser polling for minutes at most: more than the default minute
  void aPersonSeesRedisGoDownAndComeBack() throws Exception {
    Browser browser = Browser.require();
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

    Path shots = Browser.SHOTS;
    Exec.Result result = browser.run(Duration.ofSeconds(180), "status-page.mjs", List.of(
      "http://127.0.0.1:" + service.port() + "/status", "http://127.0.0.1:" + control.actualPort(), browser.chromium(),
      shots.toString()));
    assertThat(result.exitCode()).as("status-page.mjs:\n%s\n%s", result.stdout(), result.stderr()).isZero();
    assertThat(result.stdout()).contains("all expectations held");
    for (String shot : List.of("status-page.png", "status-page-outage.png", "status-page-phone.png")) {
      assertThat(Files.size(shots.resolve(shot))).as(shot).isGreaterThan(10_000);
    }
  }
}
