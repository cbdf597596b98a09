package io.healthservice.impl.monitor;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.VertxException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Maps whatever a client failed with to a {@link CheckFailure} whose text is safe to render and log.
 * Only the exception's type is read (and the fixed texts of JDK, Netty and Vert.x core); a driver's message
 * is never copied, since drivers put hosts, user names and sometimes keys in them. A kind whose client has
 * protocol codes (SQLSTATE, the Redis error prefix) maps those itself before its failure reaches the monitor,
 * and falls back to {@link CheckFailure#of(Throwable)}, which is this.
 */
public final class Failures {

  private Failures() {
  }

  public static CheckFailure classify(Throwable error) {
    CheckFailure known = known(error);
    if (known != null) {
      return known;
    }
    // Decoders fail with these when the peer sends bytes that are not the protocol.
    if (error instanceof IndexOutOfBoundsException || error instanceof IllegalArgumentException
      || error instanceof IllegalStateException || error.getClass().getName().endsWith("DecoderException")) {
      return new CheckFailure(FailureKind.ERROR, "protocol error: unexpected reply");
    }
    return new CheckFailure(FailureKind.ERROR, "unexpected error");
  }

  /** The failure an error of a known type (anywhere in its causes) maps to; null for an unknown error. */
  public static CheckFailure known(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      CheckFailure known = direct(t);
      if (known != null) {
        return known;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static CheckFailure direct(Throwable t) {
    if (t instanceof CheckFailure failure) {
      return failure;
    }
    if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
      return new CheckFailure(FailureKind.REFUSED, "connection refused");
    }
    if (t instanceof UnknownHostException) {
      return new CheckFailure(FailureKind.REFUSED, "host name does not resolve");
    }
    if (t instanceof TimeoutException) {
      return new CheckFailure(FailureKind.TIMEOUT, "timeout");
    }
    if (t instanceof SSLException) {
      return new CheckFailure(FailureKind.ERROR, "TLS handshake failed");
    }
    if (t instanceof ClosedChannelException) {
      return new CheckFailure(FailureKind.REFUSED, "connection closed");
    }
    String type = t.getClass().getName();
    String message = t.getMessage() == null ? "" : t.getMessage();
    if (type.endsWith("ConnectionPoolTooBusyException")) {
      return new CheckFailure(FailureKind.ERROR, "pool exhausted: its wait queue is full");
    }
    if (type.equals("io.vertx.core.http.impl.NoStackTraceTimeoutException")
      || type.endsWith("NoStackTraceTimeoutException") || type.endsWith("ConnectTimeoutException")) {
      return new CheckFailure(FailureKind.TIMEOUT, "timeout");
    }
    if (type.endsWith("ClosedConnectionException") || type.endsWith("HttpClosedException")
      || (t instanceof java.io.IOException && message.toLowerCase(Locale.ROOT).contains("connection reset"))) {
      return new CheckFailure(FailureKind.REFUSED, "connection closed by peer");
    }
    // Fixed texts of the clients (matched, never echoed).
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("ssl handshake failed")) {
      return new CheckFailure(FailureKind.ERROR, "TLS handshake failed");
    }
    if (lower.contains("does not handle ssl")) {
      return new CheckFailure(FailureKind.ERROR, "TLS not offered by the server");
    }
    if (t instanceof VertxException && message.toLowerCase(Locale.ROOT).contains("connection was closed")) {
      return new CheckFailure(FailureKind.REFUSED, "connection closed by peer");
    }
    if (t instanceof VertxException && message.toLowerCase(Locale.ROOT).contains("timeout")) {
      return new CheckFailure(FailureKind.TIMEOUT, "timeout");
    }
    return null;
  }
}
