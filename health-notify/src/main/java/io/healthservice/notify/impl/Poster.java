package io.healthservice.notify.impl;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Posts one JSON body to one URL; fails on connection errors. Tests answer it by hand. */
interface Poster {

  Future<Reply> post(String url, Buffer json);

  default void close() {
  }
}
