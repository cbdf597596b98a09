package io.healthservice.grpc;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One grpc-java {@code Watch} call: the statuses it received, how it ended, and a way to cancel it. */
final class Watcher implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {

  private final BlockingQueue<ServingStatus> received = new LinkedBlockingQueue<>();
  final CompletableFuture<Status> ended = new CompletableFuture<>();
  private volatile ClientCallStreamObserver<HealthCheckRequest> call;

  static Watcher start(HealthGrpc.HealthStub stub, String service) {
    Watcher watcher = new Watcher();
    stub.watch(HealthCheckRequest.newBuilder().setService(service).build(), watcher);
    return watcher;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
    this.call = requestStream;
  }

  @Override
  public void onNext(HealthCheckResponse value) {
    received.add(value.getStatus());
  }

  @Override
  public void onError(Throwable t) {
    ended.complete(Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    ended.complete(Status.OK);
  }

  /** The next status received within {@code timeout}, or null. */
  ServingStatus next(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  Status.Code awaitEnd(Duration timeout) throws Exception {
    return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS).getCode();
  }

  void cancel() {
    call.cancel("test cancels", null);
  }
}
