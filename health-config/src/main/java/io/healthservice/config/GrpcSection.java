package io.healthservice.config;

import java.util.OptionalInt;
import java.util.Set;

/** Reads {@code grpc}: an optional gRPC-only port and the cap on {@code Watch} streams. */
final class GrpcSection {

  static final int DEFAULT_MAX_WATCH_STREAMS = 100;

  private GrpcSection() {
  }

  static GrpcOptions read(TypedReader grpc, HttpOptions http) {
    grpc.allowOnly(Set.of("port", "max_watch_streams"));
    OptionalInt port = OptionalInt.empty();
    if (grpc.raw("port") != null) {
      int value = grpc.integer("port", 0);
      if (value < 1 || value > 65535) {
        throw grpc.error("port", "must be a port number between 1 and 65535, got " + value);
      }
      if (value == http.port()) {
        throw grpc.error("port", "must differ from http.port (" + value + "): leave it unset to serve gRPC on the HTTP port");
      }
      port = OptionalInt.of(value);
    }
    int maxWatch = grpc.integer("max_watch_streams", DEFAULT_MAX_WATCH_STREAMS);
    if (maxWatch < 0 || maxWatch > 100_000) {
      throw grpc.error("max_watch_streams", "must be between 0 and 100000, got " + maxWatch);
    }
    return new GrpcOptions(port, maxWatch);
  }
}
