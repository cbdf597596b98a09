package io.healthservice.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy between the service and a real server, driven by the test: forward, refuse (nothing
 * listens), reset (accept then RST), hang (accept and never answer) or garbage (answer bytes that are
 * not the protocol). Switching modes applies to open connections too.
 */
public final class TcpProxy implements AutoCloseable {

  public enum Mode { FORWARD, REFUSE, RESET, HANG, GARBAGE }

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final NetClient client;
  private final Set<NetSocket> inbound = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.FORWARD;
  private NetServer server;

  private TcpProxy(Vertx vertx, String targetHost, int targetPort, int port) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = port;
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000));
  }

  public static TcpProxy start(Vertx vertx, String targetHost, int targetPort) throws Exception {
    TcpProxy proxy = new TcpProxy(vertx, targetHost, targetPort, Ports.free());
    proxy.listen();
    return proxy;
  }

  public int port() {
    return port;
  }

  /** Connections the service currently holds open through the proxy. */
  public int openConnections() {
    return inbound.size();
  }

  public Mode mode() {
    return mode;
  }

  public synchronized void set(Mode next) throws Exception {
    Mode previous = mode;
    mode = next;
    if (next == Mode.REFUSE) {
      closeServer();
      closeAll();
    } else {
      if (server == null) {
        listen();
      }
      // A connection that was hung or garbled is broken for good, as a real one would be.
      if (next == Mode.RESET || previous == Mode.HANG || previous == Mode.GARBAGE) {
        closeAll();
      }
    }
  }

  private void listen() throws Exception {
    // SO_LINGER 0 makes close() send RST: a reset, not an orderly FIN.
    server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(port).setSoLinger(0))
      .connectHandler(this::accept);
    server.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private void closeServer() throws Exception {
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      server = null;
    }
  }

  private void closeAll() {
    for (NetSocket socket : inbound) {
      socket.close();
    }
  }

  private void accept(NetSocket in) {
    inbound.add(in);
    in.closeHandler(v -> inbound.remove(in));
    in.exceptionHandler(e -> in.close());
    switch (mode) {
      case RESET, REFUSE -> in.close();
      case HANG -> in.handler(data -> { });
      case GARBAGE -> in.handler(data -> in.write("\u0000\u00ffnot the protocol\r\n"));
      case FORWARD -> forward(in);
    }
  }

  private void forward(NetSocket in) {
    in.pause();
    Future<NetSocket> connecting = client.connect(targetPort, targetHost);
    connecting.onFailure(e -> in.close()).onSuccess(out -> {
      out.closeHandler(v -> in.close());
      in.closeHandler(v -> {
        inbound.remove(in);
        out.close();
      });
      out.exceptionHandler(e -> out.close());
      in.handler(data -> {
        switch (mode) {
          case FORWARD -> out.write(data);
          case GARBAGE -> in.write("\u0000\u00ffnot the protocol\r\n");
          default -> { } // HANG: swallow the request, never answer
        }
      });
      out.handler(data -> {
        if (mode == Mode.FORWARD) {
          in.write(data);
        }
      });
      in.resume();
    });
  }

  @Override
  public void close() throws Exception {
    mode = Mode.REFUSE;
    closeAll();
    closeServer();
    client.close();
  }
}
