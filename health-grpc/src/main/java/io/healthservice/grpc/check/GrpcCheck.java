package io.healthservice.grpc.check;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.ClientCheck;
import io.healthservice.FailureKind;
import io.healthservice.kit.PeerCertificates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcErrorException;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Asks a gRPC dependency itself how it is: one {@code grpc.health.v1.Health/Check} call, as Kubernetes' gRPC
 * probe does. SERVING is up; NOT_SERVING, an unknown service (NOT_FOUND) or any other gRPC status is down,
 * named by its code. The call's deadline is the run's budget ({@code grpc-timeout}), so the server can give up
 * too. One HTTP/2 client serves every run; a failed or timed-out run drops it (and a hung connection with it).
 */
public final class GrpcCheck extends ClientCheck<GrpcClient> {

  static final ServiceMethod<HealthCheckResponse, HealthCheckRequest> CHECK = ServiceMethod.client(
    ServiceName.create("grpc.health.v1.Health"), "Check",
    GrpcMessageEncoder.encoder(), GrpcMessageDecoder.decoder(HealthCheckResponse.newBuilder()));

  /** A health answer is a few bytes; anything larger is not one. */
  private static final long MAX_MESSAGE_BYTES = 1024;

  private final Vertx vertx;
  private final String name;
  private final GrpcTarget target;
  private final SocketAddress address;
  private final HealthCheckRequest request;
  private final PeerCertificates certificates = new PeerCertificates();
  /** The connect and idle limits of the client in use. */
  private volatile int clientLimitMs;

  public GrpcCheck(Vertx vertx, String name, GrpcTarget target) {
    super(name, Objects.requireNonNull(target, "target").url()
      + (target.service().isEmpty() ? "" : " (" + target.service() + ")"));
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.name = Objects.requireNonNull(name, "name");
    this.target = Objects.requireNonNull(target, "target");
    this.address = SocketAddress.inetSocketAddress(target.port(), target.host());
    this.request = HealthCheckRequest.newBuilder().setService(target.service()).build();
  }

  @Override
  protected Future<Void> ping(GrpcClient client, CheckContext context) {
    long budgetMs = context.budgetMillis();
    return client.request(address, CHECK)
      .compose(call -> call.timeout(budgetMs, TimeUnit.MILLISECONDS).send(request))
      .compose(response -> response.last())
      .compose(this::verdict, error -> Future.failedFuture(classify(error)))
      .andThen(ar -> certificates.notAfter().ifPresent(context::certificate));
  }

  private Future<Void> verdict(HealthCheckResponse response) {
    ServingStatus status = response == null ? ServingStatus.UNKNOWN : response.getStatus();
    return switch (status) {
      case SERVING -> Future.succeededFuture();
      case SERVICE_UNKNOWN -> Future.failedFuture(unknownService());
      case NOT_SERVING -> Future.failedFuture(new CheckFailure(FailureKind.ERROR, "NOT_SERVING"));
      default -> Future.failedFuture(new CheckFailure(FailureKind.ERROR, "serving status " + status.name()));
    };
  }

  private CheckFailure unknownService() {
    // The service name is configuration, not a secret: name it so that a typo is found at once.
    return new CheckFailure(FailureKind.ERROR, "SERVICE_UNKNOWN: " + target.service());
  }

  private CheckFailure classify(Throwable error) {
    GrpcStatus status = null;
    if (error instanceof InvalidStatusException invalid) {
      status = invalid.actualStatus();
    } else if (error instanceof GrpcErrorException grpc) {
      status = grpc.status();
    } else if (error instanceof StreamResetException reset) {
      status = GrpcErrorException.create(reset).status();
    }
    if (status == GrpcStatus.NOT_FOUND) {
      return unknownService();
    }
    if (status != null) {
      FailureKind kind = status == GrpcStatus.DEADLINE_EXCEEDED ? FailureKind.TIMEOUT : FailureKind.ERROR;
      return new CheckFailure(kind, "gRPC status " + status.name() + " (" + status.code + ")");
    }
    // Netty's HTTP/2 codec fails with this when the peer's bytes are not HTTP/2 frames.
    for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getClass().getName().endsWith(".Http2Exception")) {
        return new CheckFailure(FailureKind.ERROR, "protocol error: not an HTTP/2 answer");
      }
    }
    // The client's fixed texts for an answer that is not gRPC (matched, never echoed).
    String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(Locale.ROOT);
    if (error instanceof VertxException && message.contains("content-type")) {
      return new CheckFailure(FailureKind.ERROR, "not a gRPC server (no application/grpc answer)");
    }
    return CheckFailure.of(error);
  }

  /** The budget changed: connect and idle limits follow it. */
  @Override
  protected boolean reusable(GrpcClient client, CheckContext context) {
    return context.clientLimitMillis() == clientLimitMs;
  }

  @Override
  protected GrpcClient open(CheckContext context) {
    int limitMs = context.clientLimitMillis();
    HttpClientOptions http = new HttpClientOptions()
      .setProtocolVersion(HttpVersion.HTTP_2)
      .setHttp2ClearTextUpgrade(false) // h2c with prior knowledge, as gRPC servers expect
      .setConnectTimeout(limitMs)
      // A connection that stops answering is closed after this, even if no run fails.
      .setIdleTimeout(limitMs).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    if (target.tls()) {
      http.setSsl(true).setUseAlpn(true).setVerifyHost(true)
        .setTrustOptions(certificates.verifying(target.caFile()))
        .setSslHandshakeTimeout(limitMs).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    }
    clientLimitMs = limitMs;
    return GrpcClient.client(vertx, new GrpcClientOptions()
      .setScheduleDeadlineAutomatically(true)
      .setMaxMessageSize(MAX_MESSAGE_BYTES), http);
  }

  /** Closes the client and its connection; the next run creates both anew. */
  @Override
  protected Future<Void> release(GrpcClient client) {
    return client.close().otherwiseEmpty();
  }
}
