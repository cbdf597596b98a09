package io.healthservice.grpc;

import io.vertx.grpc.common.GrpcStatus;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The open {@code Watch} calls of every event loop, bounded so that a flood of them cannot exhaust memory. */
final class WatchStreams {

  private final int max;
  private final AtomicInteger reserved = new AtomicInteger();
  private final Set<WatchStream> open = ConcurrentHashMap.newKeySet();

  WatchStreams(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("max watch streams must be >= 0: " + max);
    }
    this.max = max;
  }

  int max() {
    return max;
  }

  /** Takes a slot, or returns false when {@code max} calls are already open. */
  boolean tryReserve() {
    if (reserved.incrementAndGet() > max) {
      reserved.decrementAndGet();
      return false;
    }
    return true;
  }

  void add(WatchStream stream) {
    open.add(stream);
  }

  void release(WatchStream stream) {
    if (open.remove(stream)) {
      reserved.decrementAndGet();
    }
  }

  int size() {
    return reserved.get();
  }

  void refreshAll() {
    open.forEach(WatchStream::refresh);
  }

  void endAll(GrpcStatus status, String message) {
    open.forEach(stream -> stream.end(status, message));
  }
}
