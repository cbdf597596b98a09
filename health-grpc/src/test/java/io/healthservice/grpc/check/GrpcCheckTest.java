package io.healthservice.grpc.check;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Ports;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gRPC check against grpc-java's own health service ({@link HealthStatusManager} on a Netty server): a
 * server this project did not write, whose statuses the test sets.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcCheckTest {

  private static final long BUDGET = 1000;
  /** The first call loads both sides' gRPC and HTTP/2 classes: seconds on a loaded machine. */
  private static final long FIRST_BUDGET = 10_000;

  private Vertx vertx;
  private HealthStatusManager health;
  private Server server;
  private String url;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    health = new HealthStatusManager();
    health.setStatus("orders", ServingStatus.SERVING);
    server = Grpc.newServerBuilderForPort(Ports.free(), InsecureServerCredentials.create())
      .addService(health.getHealthService()).build().start();
    url = "grpc://127.0.0.1:" + server.getPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private GrpcCheck check(String target, String service) {
    return new GrpcCheck(vertx, "orders-api", new GrpcTarget(target, service, Optional.empty()));
  }

  @Test
  void followsTheServersStatusForAService() throws Exception {
    GrpcCheck check = check(url, "orders");
    assertThat(check.target()).isEqualTo(url + " (orders)");
    assertThat(CheckRuns.reason(vertx, check, FIRST_BUDGET)).isNull();

    health.setStatus("orders", ServingStatus.NOT_SERVING);
    assertThat(CheckRuns.reason(vertx, check, BUDGET)).isEqualTo("NOT_SERVING");

    health.setStatus("orders", ServingStatus.SERVING);
    assertThat(CheckRuns.reason(vertx, check, BUDGET)).isNull();
    check.close();
  }

  @Test
  void theWholeServerAndAnUnknownService() throws Exception {
    GrpcCheck whole = check(url, "");
    assertThat(CheckRuns.reason(vertx, whole, FIRST_BUDGET)).isNull();
    whole.close();

    // grpc-java answers NOT_FOUND for a service it does not know; the name is configuration, shown as is.
    GrpcCheck unknown = check(url, "payments");
    assertThat(CheckRuns.reason(vertx, unknown, BUDGET)).isEqualTo("SERVICE_UNKNOWN: payments");
    unknown.close();
  }

  @Test
  void aServerWithoutTheHealthServiceIsUnimplemented() throws Exception {
    Server bare = Grpc.newServerBuilderForPort(Ports.free(), InsecureServerCredentials.create()).build().start();
    try {
      GrpcCheck check = check("grpc://127.0.0.1:" + bare.getPort(), "");
      assertThat(CheckRuns.reason(vertx, check, FIRST_BUDGET)).isEqualTo("gRPC status UNIMPLEMENTED (12)");
      check.close();
    } finally {
      bare.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void throughAProxyRefusedResetGarbageHangAndRecovery() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", server.getPort())) {
      GrpcCheck check = check("grpc://127.0.0.1:" + proxy.port(), "orders");
      assertThat(CheckRuns.reason(vertx, check, FIRST_BUDGET)).isNull();

      proxy.set(TcpProxy.Mode.REFUSE);
      Thread.sleep(200); // as between two runs: the client sees its connection closed, and connects anew
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isEqualTo("connection refused");

      proxy.set(TcpProxy.Mode.RESET);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isIn("connection closed by peer", "connection closed");
      CheckRuns.drop(vertx, check);

      proxy.set(TcpProxy.Mode.GARBAGE);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isEqualTo("protocol error: not an HTTP/2 answer");
      CheckRuns.drop(vertx, check);

      proxy.set(TcpProxy.Mode.HANG);
      CompletableFuture<Void> hung = CheckRuns.start(vertx, check, BUDGET);
      assertThat(CheckRuns.someConnection(proxy, BUDGET / 2)).isTrue();
      Thread.sleep(BUDGET / 2);
      assertThat(hung).as("a server that never answers").isNotDone();
      CheckRuns.drop(vertx, check);
      assertThat(CheckRuns.noConnections(proxy, 2000)).as("connections left after a drop").isTrue();

      proxy.set(TcpProxy.Mode.FORWARD);
      assertThat(CheckRuns.reason(vertx, check, FIRST_BUDGET)).isNull();
      check.close();
    }
  }
}
