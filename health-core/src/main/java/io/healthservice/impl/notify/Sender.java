package io.healthservice.impl.notify;

import io.healthservice.Channel;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** Posts one JSON body to a channel; fails on connection errors. Tests answer it by hand. */
interface Sender {

  Future<Reply> post(Channel channel, Buffer json);

  default void close() {
  }
}
