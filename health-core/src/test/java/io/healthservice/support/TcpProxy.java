package io.healthservice.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy between the service and a real server, driven by the test. Switching modes applies to
 * open connections too.
 */
public final class TcpProxy implements AutoCloseable {

  private final java.util.concurrent.atomic.AtomicLong forwardedBytes = new java.util.concurrent.atomic.AtomicLong();

  public enum Mode {
    /** Pass bytes both ways. */
    FORWARD,
    /** Nothing listens: connection refused. */
    REFUSE,
    /** Accept, then reset at once. */
    RESET,
    /** Forward the request, send half of the first reply, then reset. */
    RESET_MID_REPLY,
    /** Accept and never answer. */
    HANG,
    /** Answer every request with bytes that are not the protocol. */
    GARBAGE,
    /** Forward, but close each connection once its first reply is delivered. */
    CLOSE_AFTER_FIRST_REPLY,
    /** Forward, delaying every reply by {@link #delayMs(long)}. */
    SLOW,
    /** Answer every request with the bytes given to {@link #script(Buffer)}: a protocol-level error. */
    SCRIPTED
  }

  private static final Buffer GARBAGE_BYTES = Buffer.buffer(new byte[] {0, (byte) 0xff, 'H', 'T', 'X', '/', '9', '\r', '\n', '\r', '\n', 0x7f, 0x01, 0x02});
  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final NetClient client;
  private final Set<NetSocket> inbound = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.FORWARD;
  private volatile long delayMs;
  private volatile Buffer script = Buffer.buffer();
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

  /** Bytes forwarded from clients to the server so far: the dependency I/O the clients caused. */
  public long forwardedBytes() {
    return forwardedBytes.get();
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

  public TcpProxy delayMs(long delay) {
    this.delayMs = delay;
    return this;
  }

  public TcpProxy script(Buffer reply) {
    this.script = reply;
    return this;
  }

  public synchronized void set(Mode next) throws Exception {
    Mode previous = mode;
    mode = next;
    if (next == Mode.REFUSE) {
      closeServer();
      closeAll();
      awaitRefusal();
    } else {
      if (server == null) {
        listen();
      }
      // A connection that was hung or garbled is broken for good, as a real one would be.
      if (next != Mode.FORWARD || previous != Mode.FORWARD) {
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

  /**
   * Returns once a connection to the port is refused: Vert.x completes a server's close before every
   * event loop has let go of the listening socket, and a check that connects in between would see its
   * connection closed ("closed by peer") instead of refused.
   */
  private void awaitRefusal() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      try (java.net.Socket probe = new java.net.Socket()) {
        probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
      } catch (java.net.ConnectException refused) {
        return;
      } catch (java.io.IOException resetOrTimedOut) {
        // accepted by the socket being closed, then reset: not a refusal yet
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("port " + port + " still accepts connections 5 s after the proxy closed it");
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
      case GARBAGE -> in.handler(data -> in.write(GARBAGE_BYTES));
      case SCRIPTED -> in.handler(data -> in.write(script));
      default -> forward(in);
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
          case HANG -> { } // swallow the request, never answer
          case GARBAGE -> in.write(GARBAGE_BYTES);
          case SCRIPTED -> in.write(script);
          default -> {
            forwardedBytes.addAndGet(data.length());
            out.write(data);
          }
        }
      });
      out.handler(data -> {
        switch (mode) {
          case FORWARD -> in.write(data);
          case SLOW -> {
            long delay = delayMs;
            vertx.setTimer(Math.max(1, delay), t -> in.write(data));
          }
          case RESET_MID_REPLY -> {
            in.write(data.slice(0, Math.max(1, data.length() / 2)));
            in.close(); // SO_LINGER 0: a reset
          }
          case CLOSE_AFTER_FIRST_REPLY -> in.write(data).onComplete(v -> in.close());
          default -> { }
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
