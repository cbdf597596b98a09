package io.healthservice.http;

import io.healthservice.support.Eventually;
import io.healthservice.support.Fixture;
import io.healthservice.support.Ports;
import io.healthservice.support.Processes;
import io.healthservice.support.RunningService;
import io.healthservice.support.TcpProxy.Mode;
import io.healthservice.support.Tools;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HAProxy health-checking the service, with the configuration of docs/deployment.md: the backend goes DOWN
 * (HAProxy answers 503) when a critical dependency fails, and UP again when it recovers. Needs
 * Debian's haproxy (see {@link Tools}).
 */
@ExtendWith(VertxExtension.class)
class HaproxyTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"option httpchk GET /health/ready", "option httpchk"})
  void haproxyTakesTheServerOutAndBackIn(String httpchk, Vertx vertx) throws Exception {
    String haproxyPath = Tools.require("/usr/sbin/haproxy", "haproxy");
    try (Fixture fixture = new Fixture(vertx); RunningService service = fixture.start()) {
      int front = Ports.free();
      Path config = Files.createTempFile("haproxy", ".cfg");
      Files.writeString(config, String.join("\n",
        "global",
        "    log stderr format short local0 warning",
        "defaults",
        "    mode http",
        "    timeout connect 1s",
        "    timeout client 5s",
        "    timeout server 5s",
        "frontend web",
        "    bind 127.0.0.1:" + front,
        "    default_backend app",
        "backend app",
        "    " + httpchk,
        "    http-check expect status 200",
        "    default-server inter 200ms fall 2 rise 2",
        "    server app1 127.0.0.1:" + service.port() + " check",
        ""));
      Process haproxy = new ProcessBuilder(haproxyPath, "-db", "-f", config.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try {
        // HTTP/1.1 like the clients behind a load balancer. The JDK's default (HTTP/2) asks for an h2c upgrade,
        // which HAProxy passes on: the service accepts it (h2c is on for gRPC) and the connection becomes a
        // tunnel to this one server, past HAProxy's choice (docs/deployment.md, "h2c behind an HTTP load balancer").
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1)).build();
        // /health/live is 200 from the service whatever Redis does: a 503 through HAProxy can only
        // mean HAProxy has taken the server out of the backend.
        URI through = URI.create("http://127.0.0.1:" + front + "/health/live");
        awaitStatus(http, through, 200);

        fixture.redis.set(Mode.REFUSE);
        awaitStatus(http, through, 503);
        assertThat(service.get("/health/live").status()).isEqualTo(200);

        fixture.redis.set(Mode.FORWARD);
        awaitStatus(http, through, 200);
      } finally {
        Processes.stop(haproxy);
        Files.deleteIfExists(config);
      }
    }
  }

  private static void awaitStatus(HttpClient http, URI uri, int expected) throws Exception {
    Eventually.until(uri + " answering " + expected, Duration.ofSeconds(10), () -> {
      try {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (java.io.IOException notYet) {
        return -1; // haproxy starting
      }
    }, status -> status == expected);
  }
}
