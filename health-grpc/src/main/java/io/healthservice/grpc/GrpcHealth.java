package io.healthservice.grpc;

import io.healthservice.HealthChecker;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.health.handler.GrpcHealthCheckV1Handler;
import io.vertx.grpc.health.handler.GrpcHealthListV1Handler;
import io.vertx.grpc.health.handler.GrpcHealthWatchV1Handler;
import io.vertx.grpc.health.v1.HealthCheckRequest;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.grpc.health.v1.HealthListRequest;
import io.vertx.grpc.health.v1.HealthListResponse;
import io.vertx.grpc.server.GrpcProtocol;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import io.vertx.grpc.server.GrpcServerRequest;

import java.util.Objects;

/**
 * The gRPC Health Checking Protocol ({@code grpc.health.v1.Health}: {@code Check}, {@code Watch},
 * {@code List}) over a {@link HealthChecker}, as a handler for a Vert.x HTTP server: mount it for requests
 * whose content type is {@code application/grpc} ({@link #isGrpc}) on a server with h2c enabled.
 *
 * <p>Service names: {@code ""} and {@code readiness} (NOT_SERVING while starting, draining or while a
 * critical dependency is down), {@code liveness}, {@code startup}, and every dependency group and check
 * name. Answers come from the monitor's latest snapshot: no I/O per call. {@code Watch} sends the current
 * status at once, then only changes, pushed by the monitor's results and by the start of the drain, when
 * every stream is closed with UNAVAILABLE. Open {@code Watch} calls are capped (RESOURCE_EXHAUSTED beyond);
 * every call ends with DEADLINE_EXCEEDED at its deadline ({@code grpc-timeout}).
 *
 * <p>Only Vert.x's generated messages and method descriptors are used from {@code vertx-grpc-health}: its
 * own service answers SERVING for {@code ""} whatever happens and polls for {@code Watch}.
 */
public final class GrpcHealth {

  /** A service name is short; anything larger than this is refused before it is decoded. */
  private static final long MAX_MESSAGE_BYTES = 1024;

  private final HealthChecker checker;
  private final ServingStatuses statuses;
  private final WatchStreams streams;
  private final GrpcServer server;

  private GrpcHealth(Vertx vertx, HealthChecker checker, int maxWatchStreams) {
    this.checker = Objects.requireNonNull(checker);
    this.statuses = new ServingStatuses(checker.readiness());
    this.streams = new WatchStreams(maxWatchStreams);
    GrpcServerOptions options = new GrpcServerOptions()
      .setScheduleDeadlineAutomatically(true)
      .setMaxMessageSize(MAX_MESSAGE_BYTES)
      // Plain gRPC over HTTP/2 in protobuf only: no gRPC-Web, transcoding or JSON surface nobody probes with.
      .removeEnabledProtocol(GrpcProtocol.WEB)
      .removeEnabledProtocol(GrpcProtocol.WEB_TEXT)
      .removeEnabledProtocol(GrpcProtocol.TRANSCODING);
    this.server = GrpcServer.server(Objects.requireNonNull(vertx), options)
      .callHandler(GrpcHealthCheckV1Handler.SERVICE_METHOD, this::check)
      .callHandler(GrpcHealthWatchV1Handler.SERVICE_METHOD, this::watch)
      .callHandler(GrpcHealthListV1Handler.SERVICE_METHOD, this::list)
      // Any other method (reflection, another service): UNIMPLEMENTED rather than the library's HTTP 500.
      .callHandler(request -> request.response().status(GrpcStatus.UNIMPLEMENTED).end());
  }

  /**
   * @param maxWatchStreams how many {@code Watch} calls may be open at once over every connection (0: none)
   */
  public static GrpcHealth create(Vertx vertx, HealthChecker checker, int maxWatchStreams) {
    GrpcHealth health = new GrpcHealth(vertx, checker, maxWatchStreams);
    checker.addListener(new WatchRefresh(checker.clock(), health.streams));
    // Readiness watchers see NOT_SERVING, then every stream ends: the drain must not wait for them.
    checker.onDraining(() -> health.streams.endAll(GrpcStatus.UNAVAILABLE, "draining"));
    return health;
  }

  /**
   * True for a gRPC call in protobuf: content type {@code application/grpc} or {@code application/grpc+proto}.
   * The JSON flavour is refused (415): its codec would need protobuf-java-util, Gson and Guava, which this
   * module leaves out (3.5 MB).
   */
  public static boolean isGrpc(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    int end = type.indexOf(';');
    String media = (end < 0 ? type : type.substring(0, end)).trim();
    return media.equalsIgnoreCase("application/grpc") || media.equalsIgnoreCase("application/grpc+proto");
  }

  private static boolean looksLikeGrpc(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return type != null && type.regionMatches(true, 0, "application/grpc", 0, 16);
  }

  private void handleOrRefuse(HttpServerRequest request) {
    if (isGrpc(request)) {
      server.handle(request);
    } else {
      request.response().setStatusCode(415).end();
    }
  }

  /** The handler for a port that serves gRPC only (anything else: 415); shareable by every server instance. */
  public Handler<HttpServerRequest> handler() {
    return this::handleOrRefuse;
  }

  /** One request handler for a port shared with HTTP: gRPC calls to this service, every other request to {@code http}. */
  public Handler<HttpServerRequest> beside(Handler<HttpServerRequest> http) {
    Objects.requireNonNull(http);
    return request -> {
      if (looksLikeGrpc(request)) {
        handleOrRefuse(request);
      } else {
        http.handle(request);
      }
    };
  }

  /** {@code Watch} calls open now. */
  public int openWatchStreams() {
    return streams.size();
  }

  private ServingStatus status(String service) {
    return statuses.of(service, checker.snapshot(), checker.clock().nanoTime());
  }

  private void check(GrpcServerRequest<HealthCheckRequest, HealthCheckResponse> request) {
    request.last().onSuccess(message -> {
      ServingStatus status = status(message.getService());
      if (status == ServingStatus.SERVICE_UNKNOWN) {
        request.response().status(GrpcStatus.NOT_FOUND).statusMessage("unknown service").end();
      } else {
        request.response().end(HealthCheckResponse.newBuilder().setStatus(status).build());
      }
    });
  }

  private void list(GrpcServerRequest<HealthListRequest, HealthListResponse> request) {
    request.last().onSuccess(message -> {
      HealthListResponse.Builder list = HealthListResponse.newBuilder();
      for (String name : ServingStatuses.names(checker.snapshot())) {
        list.putStatuses(name, HealthCheckResponse.newBuilder().setStatus(status(name)).build());
      }
      request.response().end(list.build());
    });
  }

  private void watch(GrpcServerRequest<HealthCheckRequest, HealthCheckResponse> request) {
    if (checker.draining()) {
      request.response().status(GrpcStatus.UNAVAILABLE).statusMessage("draining").end();
      return;
    }
    if (!streams.tryReserve()) {
      request.response().status(GrpcStatus.RESOURCE_EXHAUSTED)
        .statusMessage("too many Watch streams (max " + streams.max() + ")").end();
      return;
    }
    Context context = Vertx.currentContext();
    WatchStream stream = new WatchStream(context, request.response(), this::status, streams);
    streams.add(stream);
    // Every way a call can end frees its slot: reset by the client, connection closed, deadline.
    request.errorHandler(error -> stream.closed());
    request.response().exceptionHandler(error -> stream.closed());
    Timer deadline = request.deadline();
    if (deadline != null) {
      deadline.onSuccess(v -> stream.closed());
    }
    request.last().onComplete(message -> {
      if (message.succeeded()) {
        stream.start(message.result().getService());
      } else {
        stream.closed();
      }
    });
  }
}
