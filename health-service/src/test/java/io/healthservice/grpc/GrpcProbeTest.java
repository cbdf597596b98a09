package io.healthservice.grpc;

import io.healthservice.support.Eventually;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import io.healthservice.support.Fixture;
import io.healthservice.support.Ports;
import io.healthservice.support.RunningService.Probe;
import io.healthservice.support.ServiceTest;
import io.healthservice.support.TcpProxy.Mode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The service's gRPC health as grpc-java's {@link HealthGrpc} client sees it: on the HTTP port beside
 * HTTP/1.1, against the real Redis behind a proxy that the test makes refuse and recover.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GrpcProbeTest extends ServiceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void closeChannels() throws InterruptedException {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private ManagedChannel channel(int port) {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    channels.add(channel);
    return channel;
  }

  /** What the kubelet does: a new plaintext connection, one Check, a 1 s deadline, then close. */
  private ServingStatus kubeletProbe(int port, String service) throws InterruptedException {
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static ServingStatus check(ManagedChannel channel, String service) {
    return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
      .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private static BlockingQueue<Object> watch(ManagedChannel channel, String service) {
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService(service).build(),
      new StreamObserver<>() {
        @Override
        public void onNext(HealthCheckResponse value) {
          events.add(value.getStatus());
        }

        @Override
        public void onError(Throwable t) {
          events.add(Status.fromThrowable(t).getCode());
        }

        @Override
        public void onCompleted() {
          events.add(Status.Code.OK);
        }
      });
    return events;
  }

  /** The first call connects and loads grpc-java: retried until it answers, within a generous bound. */
  private static void awaitCheck(ManagedChannel channel, String service, ServingStatus expected) throws Exception {
    Eventually.until(service + " " + expected, Duration.ofSeconds(30), () -> {
      try {
        return (Object) check(channel, service);
      } catch (StatusRuntimeException e) {
        return e.getStatus();
      }
    }, last -> last == expected);
  }

  @Test
  void aKubeletProbeSeesEveryNameOnTheHttpPort() throws Exception {
    fixture.check("llm_services").put("endpoints", new JsonArray().add(fixture.openAi(Fixture.OPENAI_KEY))
      .add(fixture.anthropic(Fixture.ANTHROPIC_KEY)));
    service = fixture.start();
    awaitCheck(channel(service.port()), "", ServingStatus.SERVING); // warm up this JVM's gRPC classes
    for (String name : List.of("", "readiness", "liveness", "startup", "database", "redis", "llm_services",
      "openai", "anthropic")) {
      assertThat(kubeletProbe(service.port(), name)).as(name).isEqualTo(ServingStatus.SERVING);
    }
    assertThatThrownBy(() -> kubeletProbe(service.port(), "postgres"))
      .isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    // The same port still answers HTTP/1.1 probes.
    assertThat(service.get("/health/ready").status()).isEqualTo(200);
  }

  @Test
  void watchFollowsRedisRefusingAndRecovering() throws Exception {
    service = fixture.start();
    ManagedChannel channel = channel(service.port());
    awaitCheck(channel, "", ServingStatus.SERVING);
    BlockingQueue<Object> overall = watch(channel, "");
    BlockingQueue<Object> redis = watch(channel, "redis");
    BlockingQueue<Object> database = watch(channel, "database");
    assertThat(overall.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ServingStatus.SERVING);
    assertThat(redis.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ServingStatus.SERVING);
    assertThat(database.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ServingStatus.SERVING);

    fixture.redis.set(Mode.REFUSE);
    assertThat(redis.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(overall.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(kubeletProbe(service.port(), "readiness")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(kubeletProbe(service.port(), "liveness")).isEqualTo(ServingStatus.SERVING);
    assertThat(service.get("/health/ready").status()).as("HTTP agrees").isEqualTo(503);

    fixture.redis.set(Mode.FORWARD);
    assertThat(redis.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ServingStatus.SERVING);
    assertThat(overall.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(ServingStatus.SERVING);
    // The checks ran every 200 ms throughout: the database never changed, so its stream said nothing more.
    assertThat(database.poll(300, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aFloodOfWatchStreamsDoesNotStopHttpProbes() throws Exception {
    fixture.config.put("grpc", new JsonObject().put("max_watch_streams", 50));
    service = fixture.start();
    ManagedChannel first = channel(service.port());
    awaitCheck(first, "", ServingStatus.SERVING);
    List<BlockingQueue<Object>> streams = new ArrayList<>();
    for (int c = 0; c < 4; c++) { // 4 connections × 30 calls = 120 Watch calls against a cap of 50
      ManagedChannel channel = channel(service.port());
      for (int i = 0; i < 30; i++) {
        streams.add(watch(channel, "redis"));
      }
    }
    int served = 0;
    int refused = 0;
    for (BlockingQueue<Object> events : streams) {
      Object first1 = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (first1 == ServingStatus.SERVING) {
        served++;
      } else if (first1 == Status.Code.RESOURCE_EXHAUSTED) {
        refused++;
      }
    }
    assertThat(served).isEqualTo(50);
    assertThat(refused).isEqualTo(70);
    for (int i = 0; i < 20; i++) {
      Probe probe = service.get("/health/ready");
      assertThat(probe.status()).isEqualTo(200);
      assertThat(probe.elapsedMs()).isLessThan(1000);
    }
    assertThat(kubeletProbe(service.port(), "")).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void aGrpcPortOfItsOwnLeavesTheHttpPortHttp1Only() throws Exception {
    int grpcPort = Ports.free();
    fixture.config.put("grpc", new JsonObject().put("port", grpcPort));
    service = fixture.start();
    awaitCheck(channel(grpcPort), "readiness", ServingStatus.SERVING);
    assertThat(kubeletProbe(grpcPort, "")).isEqualTo(ServingStatus.SERVING);
    assertThatThrownBy(() -> kubeletProbe(service.port(), ""))
      .as("no h2c on the HTTP port").isInstanceOf(StatusRuntimeException.class);
    assertThat(service.get("/health").status()).isEqualTo(200);
  }
}
