package io.healthservice.example;

import io.healthservice.config.ConfigException;
import io.healthservice.support.Ports;
import io.healthservice.support.RealServers;
import io.healthservice.support.TcpProxy;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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

/** The library reads the service's YAML: the file's named checks (and only those) beside the application's own. */
@ExtendWith(VertxExtension.class)
class ConfiguredChatApplicationTest {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Vertx vertx;
  private TcpProxy orders;
  private int port;

  @BeforeEach
  void proxy(Vertx vertx) throws Exception {
    this.vertx = vertx;
    orders = TcpProxy.start(vertx, RealServers.host(RealServers.DATABASE_URL), RealServers.port(RealServers.DATABASE_URL));
  }

  @AfterEach
  void close() throws Exception {
    orders.close();
  }

  private String deploy(Path file) throws Exception {
    port = Ports.free();
    return vertx.deployVerticle(new ConfiguredChatApplication(), new DeploymentOptions()
      .setConfig(new JsonObject().put("port", port).put("healthConfig", file.toString()))).await(10, TimeUnit.SECONDS);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
      .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonObject awaitHealth(int status, String check, String state) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last = get("/health");
      if (last.statusCode() == status && state.equals(new JsonObject(last.body()).getJsonObject("dependencies").getString(check))) {
        return new JsonObject(last.body());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("/health did not answer " + status + " with " + check + "=" + state + "; last: "
      + (last == null ? "none" : last.statusCode() + " " + last.body()));
  }

  @Test
  void theFilesChecksAndTheApplicationsOwnAnswerTogether(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), String.join("\n",
      "service: {name: rooms-api}",
      "checks:",
      "  database: {url: '" + RealServers.DATABASE_URL + "', interval: 200ms, timeout: 500ms}",
      "  redis: {enabled: false}",
      "  orders-db: {type: postgres, url: '" + RealServers.via(RealServers.DATABASE_URL, orders.port())
        + "', interval: 200ms, timeout: 500ms}",
      ""));
    deploy(file);
    JsonObject health = awaitHealth(200, "orders-db", "ok");
    assertThat(health.getString("service")).isEqualTo("rooms-api");
    assertThat(health.getJsonObject("dependencies").fieldNames()).containsExactlyInAnyOrder("database", "orders-db", "rooms");
    assertThat(get("/api/rooms").statusCode()).isEqualTo(200);

    orders.set(TcpProxy.Mode.REFUSE);
    awaitHealth(503, "orders-db", "error");
    assertThat(awaitHealth(503, "orders-db", "error").getJsonObject("dependencies").getString("database")).isEqualTo("ok");
    orders.set(TcpProxy.Mode.FORWARD);
    awaitHealth(200, "orders-db", "ok");
  }

  @Test
  void aWrongFileFailsTheStartNamingTheKey(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("config.yaml"), "checks:\n  legacy-db: {type: postgres, url: 'mysql://x@h/db'}\n");
    assertThatThrownBy(() -> deploy(file))
      .isInstanceOf(ConfigException.class)
      .hasMessageContaining("checks.legacy-db.url");
  }
}
