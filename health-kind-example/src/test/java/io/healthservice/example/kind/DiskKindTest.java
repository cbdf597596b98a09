package io.healthservice.example.kind;

import io.healthservice.HealthChecker;
import io.healthservice.config.ConfigException;
import io.healthservice.config.HealthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A kind the rest of the build knows only through {@code io.healthservice.spi}: on the class path beside
 * health-config, {@code type: disk} in YAML gives checks like any built-in kind's, with their own reasons, and
 * its mistakes stop the start naming the key.
 */
class DiskKindTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aKindFromItsOwnJarIsConfiguredWithTypeInYaml() throws Exception {
    HealthConfig config = HealthConfig.read(vertx, Path.of("health-kind-example/src/test/resources/disk.yaml"))
      .await(10, TimeUnit.SECONDS);
    HealthChecker checker = config.checkerBuilder(vertx, "1.0.0").build();
    int port = serve(checker);
    JsonObject body = awaitStarted(port);
    // /tmp has 1 MB free, not 2 PB: one up, one down; the down one is not critical, so degraded and 200.
    assertThat(body.getString("status")).isEqualTo("degraded");
    assertThat(body.getJsonObject("dependencies").getMap())
      .containsEntry("scratch", "ok").containsEntry("archive", "degraded");
    HttpResponse<String> verbose = get(port, "/health?verbose");
    assertThat(verbose.statusCode()).isEqualTo(200);
    assertThat(verbose.body()).contains("low disk space").contains("at least 2000000000 MB expected");
  }

  @Test
  void itsMistakesStopTheStartNamingTheKey(@TempDir Path dir) throws Exception {
    assertRefused(dir, "checks:\n  scratch: {type: disk}\n", "checks.scratch.path");
    assertRefused(dir, "checks:\n  scratch: {type: disk, path: /tmp, min_free_mb: 0}\n", "checks.scratch.min_free_mb");
    assertRefused(dir, "checks:\n  scratch: {type: disk, path: /tmp, min_free: 5}\n", "checks.scratch.min_free");
    assertRefused(dir, "checks:\n  scratch: {type: disk, path: /tmp, interval: soon}\n", "checks.scratch.interval");
  }

  private void assertRefused(Path dir, String yaml, String setting) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), yaml);
    assertThatThrownBy(() -> HealthConfig.read(vertx, file).await(10, TimeUnit.SECONDS))
      .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.setting()).isEqualTo(setting));
  }

  private int serve(HealthChecker checker) throws Exception {
    HttpServer[] server = new HttpServer[1];
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        Router router = Router.router(vertx);
        router.route("/health*").subRouter(checker.router());
        return checker.start().compose(v -> vertx.createHttpServer().requestHandler(router).listen(0))
          .onSuccess(s -> server[0] = s);
      }
    }).await(10, TimeUnit.SECONDS);
    return server[0].actualPort();
  }

  private static JsonObject awaitStarted(int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (get(port, "/health/started").statusCode() == 200) {
        return new JsonObject(get(port, "/health").body());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the disk checks did not run within 10 s");
  }

  private static HttpResponse<String> get(int port, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(5)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
