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
import io.healthservice.support.Ports;
import io.healthservice.support.RealServers;
import io.healthservice.support.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** SIGTERM against a real process, seen by grpc-java: readiness NOT_SERVING at once, Watch streams closed. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GrpcShutdownIT {

  private static Object check(ManagedChannel channel, String service) {
    try {
      return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode(); // not listening yet, or too slow
    }
  }

  @Test
  void sigtermTurnsReadinessNotServingWithin100msAndClosesWatchStreams() throws Exception {
    int port = Ports.free();
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try (ServiceProcess process = ServiceProcess.start(Map.of("HTTP_PORT", Integer.toString(port), "HTTP_HOST",
      "127.0.0.1", "SHUTDOWN_DRAIN", "2s", "DATABASE_URL", RealServers.DATABASE_URL, "REDIS_URL", RealServers.REDIS_URL))) {
      try {
        Eventually.until("ready over gRPC", Duration.ofSeconds(30), () -> check(channel, ""), s -> s == ServingStatus.SERVING);
      } catch (AssertionError notWithin) {
        throw new AssertionError(notWithin.getMessage() + "; output: " + process.output(), notWithin);
      }
      BlockingQueue<Object> watch = new LinkedBlockingQueue<>();
      HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService("readiness").build(),
        new StreamObserver<HealthCheckResponse>() {
          @Override
          public void onNext(HealthCheckResponse value) {
            watch.add(value.getStatus());
          }

          @Override
          public void onError(Throwable t) {
            watch.add(Status.fromThrowable(t).getCode());
          }

          @Override
          public void onCompleted() {
            watch.add(Status.Code.OK);
          }
        });
      assertThat(watch.poll(10, TimeUnit.SECONDS)).isEqualTo(ServingStatus.SERVING);

      long termAt = System.nanoTime();
      process.process().destroy(); // SIGTERM
      Eventually.until("readiness NOT_SERVING after SIGTERM", Duration.ofSeconds(5), Duration.ofMillis(5),
        () -> check(channel, ""), s -> s == ServingStatus.NOT_SERVING);
      long notServingMs = (System.nanoTime() - termAt) / 1_000_000;
      assertThat(notServingMs).as("readiness NOT_SERVING after SIGTERM").isLessThan(100);
      assertThat(check(channel, "liveness")).isEqualTo(ServingStatus.SERVING);

      assertThat(watch.poll(5, TimeUnit.SECONDS)).isEqualTo(ServingStatus.NOT_SERVING);
      assertThat(watch.poll(5, TimeUnit.SECONDS)).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(process.awaitExit(2 + 5)).as(process.output()).isZero();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
