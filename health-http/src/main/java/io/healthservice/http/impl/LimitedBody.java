package io.healthservice.http.impl;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.ext.web.codec.spi.BodyStream;

/**
 * A response body kept in memory up to {@code maxBytes}; a longer one fails the request instead of filling the heap.
 * A codec for the web client, or {@link #read} for a plain HTTP client's response.
 */
public final class LimitedBody implements BodyCodec<Buffer> {

  private final int maxBytes;
  private final String what;

  public LimitedBody(int maxBytes) {
    this(maxBytes, "model list");
  }

  /** @param what names the body in the failure: "{what} larger than N KiB" */
  public LimitedBody(int maxBytes, String what) {
    this.maxBytes = maxBytes;
    this.what = what;
  }

  /** Reads {@code response}'s body up to the bound; past it the request is reset (its connection closed). */
  public Future<Buffer> read(HttpClientResponse response) {
    Promise<Buffer> read = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(read::tryFail);
    response.endHandler(v -> read.tryComplete(body));
    response.handler(data -> {
      if (read.future().isComplete()) {
        return;
      }
      if (body.length() + data.length() > maxBytes) {
        read.tryFail(tooLarge(maxBytes, what));
        response.request().reset();
      } else {
        body.appendBuffer(data);
      }
    });
    return read.future();
  }

  private static CheckFailure tooLarge(int maxBytes, String what) {
    return new CheckFailure(FailureKind.ERROR, what + " larger than " + maxBytes / 1024 + " KiB");
  }

  @Override
  public BodyStream<Buffer> stream() {
    return new Stream(maxBytes, what);
  }

  private static final class Stream implements BodyStream<Buffer> {

    private final int maxBytes;
    private final String what;
    private final Buffer body = Buffer.buffer();
    private final Promise<Buffer> result = Promise.promise();

    Stream(int maxBytes, String what) {
      this.maxBytes = maxBytes;
      this.what = what;
    }

    @Override
    public Future<Buffer> result() {
      return result.future();
    }

    @Override
    public void handle(Throwable error) {
      result.tryFail(error);
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(io.vertx.core.Handler<Throwable> handler) {
      return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
      if (body.length() + data.length() > maxBytes) {
        CheckFailure tooLarge = tooLarge(maxBytes, what);
        result.tryFail(tooLarge);
        return Future.failedFuture(tooLarge);
      }
      body.appendBuffer(data);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
      result.tryComplete(body);
      return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }

    @Override
    public boolean writeQueueFull() {
      return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(io.vertx.core.Handler<Void> handler) {
      return this;
    }
  }
}
