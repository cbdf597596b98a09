package io.healthservice.support;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy every fault test relies on: once {@code set(REFUSE)} returns, a connection is refused, not
 * accepted and closed (Vert.x completes a server's close before the listening socket is released; without
 * the wait, the next listen also failed with "address already in use").
 */
class TcpProxyTest {

  @Test
  void refusalIsInForceWhenSetReturnsAndForwardingResumes() throws Exception {
    Vertx vertx = Vertx.vertx();
    TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", 1);
    try {
      int accepted = 0;
      for (int i = 0; i < 100; i++) {
        proxy.set(TcpProxy.Mode.REFUSE);
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 500);
          accepted++;
        } catch (ConnectException refused) {
          // what a check must see
        } catch (java.io.IOException resetOrTimedOut) {
          accepted++;
        }
        proxy.set(TcpProxy.Mode.FORWARD);
      }
      assertThat(accepted).as("connections accepted right after set(REFUSE)").isZero();
    } finally {
      proxy.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
