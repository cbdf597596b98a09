package io.healthservice.config;

import java.util.OptionalInt;

/**
 * The {@code grpc} section: where the gRPC Health Checking Protocol is served and how many {@code Watch}
 * streams it keeps open.
 *
 * @param port            a port serving gRPC only, instead of the HTTP port (which then stays HTTP/1.1 only);
 *                        empty (the default): gRPC on the HTTP port, over h2c
 * @param maxWatchStreams {@code Watch} calls open at once over all connections; beyond, RESOURCE_EXHAUSTED
 */
public record GrpcOptions(OptionalInt port, int maxWatchStreams) {
}
