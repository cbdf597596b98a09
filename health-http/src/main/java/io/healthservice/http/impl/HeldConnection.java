package io.healthservice.http.impl;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.RequestOptions;

/**
 * One http check's connection, kept between runs (as a keep-alive pool of one would keep it) on an agent that may be
 * shared by thousands of checks. The connection is the check's own, not a pooled one: a run never waits behind
 * another check's request, and {@link #close()} after a failed or timed-out run closes exactly the socket that run
 * may still hang on. A connection the server closed between runs is replaced by the next run.
 *
 * <p>A target that follows redirects may be sent elsewhere: its requests go through the agent's pool, and
 * {@link #close()} resets the one in flight (over HTTP/1 that closes its connection).
 */
public final class HeldConnection {

  private final HttpClientAgent agent;
  private final boolean ownsAgent;
  private final HttpConnectOptions connect;
  private Future<HttpClientConnection> connection;
  private HttpClientRequest inFlight;
  private boolean closed;

  /**
   * @param agent     where connections come from
   * @param ownsAgent whether {@link #close()} closes the agent too (a TLS check's agent holds its trust)
   * @param connect   the target's host, port and TLS, for its own connection
   */
  public HeldConnection(HttpClientAgent agent, boolean ownsAgent, HttpConnectOptions connect) {
    this.agent = agent;
    this.ownsAgent = ownsAgent;
    this.connect = connect;
  }

  /** Sends {@code request} on the kept connection (connecting within {@code connectMs} if there is none). */
  public Future<HttpClientResponse> send(RequestOptions request, long connectMs) {
    Future<HttpClient> client = Boolean.TRUE.equals(request.getFollowRedirects())
      ? Future.succeededFuture(agent)
      : connection(connectMs).map(c -> c);
    return client.compose(c -> c.request(request)).compose(this::sending);
  }

  private synchronized Future<HttpClientResponse> sending(HttpClientRequest request) {
    if (closed) {
      request.reset();
      return Future.failedFuture("connection closed by the check");
    }
    inFlight = request;
    return request.send();
  }

  private synchronized Future<HttpClientConnection> connection(long connectMs) {
    if (closed) {
      return Future.failedFuture("connection closed by the check");
    }
    if (connection == null || connection.failed()) {
      Future<HttpClientConnection> opening = agent.connect(new HttpConnectOptions(connect).setConnectTimeout(connectMs));
      connection = opening;
      opening.onSuccess(opened -> opened.closeHandler(v -> forget(opening)));
    }
    return connection;
  }

  /** The server (or a reset) closed the connection: the next run opens another. */
  private synchronized void forget(Future<HttpClientConnection> gone) {
    if (connection == gone) {
      connection = null;
    }
  }

  /** The run succeeded: its request and response are done with, and need not be kept until the next run. */
  public synchronized void finished() {
    inFlight = null;
  }

  /** Closes the connection (or the one being opened, once it is) and resets a request in flight. */
  public Future<Void> close() {
    Future<HttpClientConnection> held;
    HttpClientRequest request;
    synchronized (this) {
      closed = true;
      held = connection;
      request = inFlight;
      connection = null;
      inFlight = null;
    }
    if (request != null) {
      request.reset();
    }
    if (held != null) {
      held.onSuccess(HttpClientConnection::close);
    }
    return ownsAgent ? agent.close().otherwiseEmpty() : Future.succeededFuture();
  }
}
