package io.healthservice.grpc;

import io.vertx.core.Context;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.health.v1.HealthCheckResponse;
import io.vertx.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.vertx.grpc.server.GrpcServerResponse;

import java.util.function.Function;

/**
 * One open {@code Watch} call. It sends its service's status when asked to refresh and only if it differs
 * from what it sent last: the first status at once, then changes, never a periodic resend. All its state
 * lives on the context of its HTTP/2 stream; other threads only schedule work there.
 */
final class WatchStream {

  private final Context context;
  private final GrpcServerResponse<?, HealthCheckResponse> response;
  private final Function<String, ServingStatus> statuses;
  private final WatchStreams registry;
  /** Null until the request message arrived. */
  private String service;
  private ServingStatus lastSent;
  private boolean closed;

  WatchStream(Context context, GrpcServerResponse<?, HealthCheckResponse> response,
              Function<String, ServingStatus> statuses, WatchStreams registry) {
    this.context = context;
    this.response = response;
    this.statuses = statuses;
    this.registry = registry;
  }

  /** The request named its service: send its status now. On the stream's context. */
  void start(String service) {
    this.service = service;
    send();
  }

  /** Sends the current status if it changed; from any thread. */
  void refresh() {
    context.runOnContext(v -> send());
  }

  /** Sends the last status, then ends the call with {@code status}; from any thread. */
  void end(GrpcStatus status, String message) {
    context.runOnContext(v -> {
      if (closed) {
        return;
      }
      send();
      closed();
      try {
        response.status(status).statusMessage(message).end();
      } catch (IllegalStateException alreadyGone) {
        // reset or timed out meanwhile: nothing left to end
      }
    });
  }

  /** The call is over (cancelled, connection closed, deadline, ended): frees its slot once. */
  void closed() {
    if (!closed) {
      closed = true;
      registry.release(this);
    }
  }

  private void send() {
    if (closed || service == null) {
      return;
    }
    ServingStatus now = statuses.apply(service);
    if (now == lastSent) {
      return;
    }
    lastSent = now;
    try {
      response.write(HealthCheckResponse.newBuilder().setStatus(now).build()).onFailure(e -> closed());
    } catch (IllegalStateException gone) {
      closed(); // the stream was reset or ended by its deadline before we heard of it
    }
  }
}
