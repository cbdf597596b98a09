package io.healthservice.impl.notify;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Posts one JSON array of alerts to one Alertmanager; fails on connection errors. Tests answer it by hand. */
interface AlertPoster {

  /** @param target the index of the Alertmanager URL */
  Future<Reply> post(int target, Buffer alerts);

  default void close() {
  }
}
