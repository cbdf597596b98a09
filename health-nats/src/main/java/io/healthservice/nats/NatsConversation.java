package io.healthservice.nats;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

import java.nio.charset.StandardCharsets;

/**
 * One run's protocol on one socket: the server's {@code INFO}, the TLS upgrade when wanted or required, then
 * {@code CONNECT} and {@code PING}, answered by {@code PONG} or an {@code -ERR}. Completes or fails {@code run}.
 */
final class NatsConversation {

  /** Upgrades the socket to TLS (the check's verified options). */
  interface Upgrade {
    Future<Void> apply(NetSocket socket);
  }

  /** A protocol line longer than this is not the server we expect. */
  private static final int MAX_LINE = 64 * 1024;

  private final boolean tlsWanted;
  private final Upgrade upgrade;
  private final JsonObject connect;
  private final Promise<Void> run;
  private NetSocket socket;
  private boolean greeted;
  private volatile boolean upgraded;

  NatsConversation(boolean tlsWanted, Upgrade upgrade, JsonObject connect, Promise<Void> run) {
    this.tlsWanted = tlsWanted;
    this.upgrade = upgrade;
    this.connect = connect;
    this.run = run;
  }

  /** Whether this run started a TLS handshake (its certificate, valid or not, was then seen). */
  boolean upgraded() {
    return upgraded;
  }

  /** Closes this run's connection, if it got one. */
  Future<Void> close() {
    return socket == null ? Future.succeededFuture() : socket.close().otherwiseEmpty();
  }

  void start(NetSocket socket) {
    this.socket = socket;
    RecordParser lines = RecordParser.newDelimited("\r\n", line -> onLine(line.toString(StandardCharsets.UTF_8)))
      .maxRecordSize(MAX_LINE)
      .exceptionHandler(e -> run.tryFail(new CheckFailure(FailureKind.ERROR, "protocol line too long")));
    socket.handler(lines);
    socket.exceptionHandler(e -> run.tryFail(CheckFailure.of(e)));
    socket.closeHandler(v -> run.tryFail(new CheckFailure(FailureKind.REFUSED, "connection closed by the server")));
  }

  private void onLine(String line) {
    if (!greeted) {
      greeted = true;
      onInfo(line);
    } else if (line.equals("PONG")) {
      run.tryComplete();
    } else if (line.equals("PING")) {
      socket.write("PONG\r\n");
    } else if (line.startsWith("-ERR")) {
      run.tryFail(new CheckFailure(FailureKind.ERROR, NatsErrors.reason(line)));
    } else if (!line.equals("+OK") && !line.startsWith("INFO ")) {
      run.tryFail(new CheckFailure(FailureKind.ERROR, "unexpected reply"));
    }
  }

  /** The greeting decides TLS: wanted by the URL, required or merely offered by the server. */
  private void onInfo(String line) {
    JsonObject info = line.startsWith("INFO ") ? info(line.substring("INFO ".length())) : null;
    if (info == null) {
      run.tryFail(new CheckFailure(FailureKind.ERROR, "unexpected greeting (not a NATS server)"));
      return;
    }
    boolean required = info.getBoolean("tls_required", false);
    boolean offered = required || info.getBoolean("tls_available", false);
    if (tlsWanted && !offered) {
      // Nothing secret has been sent yet, and nothing will be over plain TCP.
      run.tryFail(new CheckFailure(FailureKind.ERROR, "TLS not offered by the server"));
      return;
    }
    if (!tlsWanted && !required) {
      sendConnect(false);
      return;
    }
    upgraded = true;
    upgrade.apply(socket)
      .onSuccess(v -> sendConnect(true))
      .onFailure(e -> run.tryFail(CheckFailure.of(e)));
  }

  private void sendConnect(boolean tls) {
    JsonObject options = connect.copy().put("tls_required", tls);
    socket.write("CONNECT " + options.encode() + "\r\nPING\r\n");
  }

  /** The INFO's JSON, or null when it is none (then this is not a NATS server). */
  private static JsonObject info(String json) {
    try {
      return new JsonObject(json);
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
