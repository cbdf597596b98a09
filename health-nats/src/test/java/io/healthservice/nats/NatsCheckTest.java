package io.healthservice.nats;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The NATS check against a nats-server of its own ({@link NatsServer}, no auth), through a {@link TcpProxy} that
 * refuses, hangs and resets, and against stand-ins that speak the protocol's errors or stall a TLS handshake.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NatsCheckTest {

  private static final String TOKEN = "tok-secret-91b2";
  private static final Duration RUN = Duration.ofSeconds(2);
  private static Vertx vertx;
  private static NatsServer server;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    server = NatsServer.start();
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static NatsCheck check(int port, Optional<String> token) {
    return check("nats", port, token);
  }

  private static NatsCheck check(String scheme, int port, Optional<String> token) {
    return new NatsCheck(vertx, "events", new NatsTarget(Target.of(scheme + "://127.0.0.1:" + port), token));
  }

  private static CheckFailure failureOf(NatsCheck check, Duration run) throws Exception {
    Throwable error = OnContext.failure(vertx, () -> check.ping(CheckRuns.context(check, run)));
    assertThat(error).isInstanceOf(CheckFailure.class);
    assertThat(((CheckFailure) error).reason()).doesNotContain(TOKEN);
    return (CheckFailure) error;
  }

  /** A server that greets with INFO and answers CONNECT with {@code reply}, or greets with {@code reply} alone. */
  private static NetServer standIn(String greeting, String reply) throws Exception {
    return vertx.createNetServer().connectHandler(socket -> {
      socket.write(greeting);
      socket.handler(bytes -> socket.write(reply));
    }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  @Test
  void upAgainstTheRealServerAndNothingLeftOpen() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", server.port())) {
      NatsCheck check = check(proxy.port(), Optional.empty());
      assertThat(check.target()).isEqualTo("nats://127.0.0.1:" + proxy.port());
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      Exec.await("no socket left", Duration.ofSeconds(3), () -> proxy.openConnections() == 0, () -> "open: " + proxy.openConnections());
    }
  }

  @Test
  void theServersErrorsAreReasonsByTheirProtocolWords() throws Exception {
    String info = "INFO {\"server_id\":\"x\",\"auth_required\":true}\r\n";
    NetServer denied = standIn(info, "-ERR 'Authorization Violation'\r\n");
    NetServer odd = standIn(info, "-ERR 'something only this server says, with a host db-7.internal'\r\n");
    NetServer notNats = standIn("HELLO\r\n", "");
    try {
      assertThat(failureOf(check(denied.actualPort(), Optional.of(TOKEN)), RUN).reason()).isEqualTo("authorization violation");
      assertThat(failureOf(check(odd.actualPort(), Optional.empty()), RUN).reason()).isEqualTo("server error (-ERR)");
      assertThat(failureOf(check(notNats.actualPort(), Optional.empty()), RUN).reason())
        .isEqualTo("unexpected greeting (not a NATS server)");
    } finally {
      denied.close();
      odd.close();
      notNats.close();
    }
  }

  @Test
  void theConnectCarriesTheTokenAndNothingElseShowsIt() throws Exception {
    AtomicReference<String> connect = new AtomicReference<>();
    NetServer server = vertx.createNetServer().connectHandler(socket -> {
      socket.write("INFO {\"server_id\":\"x\"}\r\n");
      socket.handler(bytes -> {
        connect.compareAndSet(null, bytes.toString());
        socket.write("PONG\r\n");
      });
    }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    try {
      NatsCheck check = check(server.actualPort(), Optional.of(TOKEN));
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
      assertThat(connect.get()).startsWith("CONNECT {").contains("\"auth_token\":\"" + TOKEN + "\"").contains("PING\r\n");
      assertThat(check.target()).doesNotContain(TOKEN);
      assertThat(new NatsTarget(Target.of("nats://127.0.0.1:1"), Optional.of(TOKEN)).toString()).doesNotContain(TOKEN);
    } finally {
      server.close();
    }
  }

  @Test
  void aTlsUrlToAServerWithoutTlsSendsNothingAtAll() throws Exception {
    AtomicReference<String> received = new AtomicReference<>();
    NetServer plain = vertx.createNetServer().connectHandler(socket -> {
      socket.write("INFO {\"server_id\":\"x\",\"auth_required\":true}\r\n");
      socket.handler(bytes -> received.compareAndSet(null, bytes.toString()));
    }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    try {
      CheckFailure failure = failureOf(check("tls", plain.actualPort(), Optional.of(TOKEN)), RUN);
      assertThat(failure.reason()).isEqualTo("TLS not offered by the server");
      assertThat(received.get()).isNull();
    } finally {
      plain.close();
    }
  }

  @Test
  void aStalledTlsHandshakeEndsByItselfAndClosesItsSocket() throws Exception {
    AtomicInteger open = new AtomicInteger();
    NetServer stalling = vertx.createNetServer().connectHandler(socket -> {
      open.incrementAndGet();
      socket.closeHandler(v -> open.decrementAndGet());
      socket.write("INFO {\"server_id\":\"x\",\"tls_required\":true}\r\n");
      socket.handler(bytes -> { }); // reads the ClientHello, never answers
    }).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    try {
      NatsCheck check = check(stalling.actualPort(), Optional.of(TOKEN));
      // The first run also builds the TLS context (the JVM's trust store: over a second cold); time the second.
      assertThat(failureOf(check, Duration.ofMillis(400)).reason()).isEqualTo("TLS handshake failed");
      long started = System.nanoTime();
      assertThat(failureOf(check, Duration.ofMillis(400)).reason()).isEqualTo("TLS handshake failed");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
      Exec.await("no socket left on the stand-in", Duration.ofSeconds(3), () -> open.get() == 0, () -> "open: " + open.get());
    } finally {
      stalling.close();
    }
  }

  @Test
  void throughProxyRefusedHungResetThenRecovers() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", server.port())) {
      NatsCheck check = check(proxy.port(), Optional.empty());
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));

      proxy.set(TcpProxy.Mode.REFUSE);
      CheckFailure refused = failureOf(check, RUN);
      assertThat(refused.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(refused.reason()).isEqualTo("connection refused");

      proxy.set(TcpProxy.Mode.HANG);
      Duration shortRun = Duration.ofMillis(400);
      CompletableFuture<Void> hung = OnContext.start(vertx, () -> check.ping(CheckRuns.context(check, shortRun)));
      assertThatThrownBy(() -> hung.get(shortRun.toMillis(), TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
      assertThat(proxy.openConnections()).isEqualTo(1);
      OnContext.await(vertx, () -> CheckRuns.drop(check)); // what the monitor does after a timeout
      Exec.await("no socket left on the proxy", Duration.ofSeconds(3), () -> proxy.openConnections() == 0,
        () -> "open: " + proxy.openConnections());

      proxy.set(TcpProxy.Mode.RESET);
      assertThat(failureOf(check, RUN).kind()).isEqualTo(FailureKind.REFUSED);

      proxy.set(TcpProxy.Mode.FORWARD);
      OnContext.await(vertx, () -> check.ping(CheckRuns.context(check, RUN)));
    }
  }
}
