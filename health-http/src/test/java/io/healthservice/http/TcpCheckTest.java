package io.healthservice.http;

import io.healthservice.support.CheckRuns;
import io.healthservice.support.Ports;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The TCP check against Vert.x servers the test runs (plain and TLS), directly and through a {@link TcpProxy}. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpCheckTest {

  private static final long BUDGET = 1000;
  private static SelfSignedCertificate certificate;

  private Vertx vertx;
  private NetServer plain;
  private NetServer tls;
  private final AtomicInteger accepted = new AtomicInteger();

  @BeforeAll
  static void certificate() {
    certificate = SelfSignedCertificate.create("localhost");
  }

  @AfterAll
  static void deleteCertificate() {
    certificate.delete();
  }

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    plain = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(Ports.free()))
      .connectHandler(socket -> accepted.incrementAndGet());
    tls = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(Ports.free())
      .setSsl(true).setKeyCertOptions(certificate.keyCertOptions())).connectHandler(socket -> accepted.incrementAndGet());
    plain.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    tls.listen().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    plain.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    tls.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private TcpCheck check(String url, boolean trustTestCa) {
    return new TcpCheck(vertx, "broker", TcpTarget.parse(url,
      trustTestCa ? Optional.of(certificate.certificatePath()) : Optional.empty()));
  }

  @Test
  void plainConnectIsUpAndRefusedIsDown() throws Exception {
    TcpCheck check = check("tcp://127.0.0.1:" + plain.actualPort(), false);
    assertThat(check.componentType()).isEqualTo("system");
    assertThat(check.target()).isEqualTo("tcp://127.0.0.1:" + plain.actualPort());
    CheckRuns.Outcome outcome = CheckRuns.run(vertx, check, BUDGET);
    assertThat(outcome.reason()).isNull();
    // The server's accept handler may run just after the client's connect completed.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (accepted.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(accepted).hasValue(1);
    assertThat(outcome.certificate()).isEmpty();
    check.close();

    TcpCheck nobody = check("tcp://127.0.0.1:" + Ports.free(), false);
    assertThat(CheckRuns.reason(vertx, nobody, BUDGET)).isEqualTo("connection refused");
    nobody.close();
  }

  @Test
  void tlsHandshakeWithTheTestCaRecordsTheCertificate() throws Exception {
    TcpCheck check = check("tls://localhost:" + tls.actualPort(), true);
    CheckRuns.Outcome outcome = CheckRuns.run(vertx, check, 5000);
    assertThat(outcome.reason()).isNull();
    assertThat(outcome.certificate()).hasValueSatisfying(notAfter -> assertThat(notAfter).isAfter(Instant.now()));
    check.close();

    TcpCheck untrusting = check("tls://localhost:" + tls.actualPort(), false);
    assertThat(CheckRuns.reason(vertx, untrusting, 5000)).isEqualTo("TLS handshake failed");
    untrusting.close();
  }

  @Test
  void plainThroughAProxy() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", plain.actualPort())) {
      TcpCheck check = check("tcp://127.0.0.1:" + proxy.port(), false);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isNull();
      proxy.set(TcpProxy.Mode.REFUSE);
      // The proxy stops listening asynchronously: a connect in flight meanwhile is accepted, then cut.
      assertThat(refusedWithin(check, 2000)).isEqualTo("connection refused");
      // A port that accepts is all a plain TCP check proves: a server that never answers still counts as up.
      proxy.set(TcpProxy.Mode.HANG);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isNull();
      assertThat(CheckRuns.noConnections(proxy, 2000)).as("the check closes its connection").isTrue();
      proxy.set(TcpProxy.Mode.FORWARD);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isNull();
      check.close();
    }
  }

  /** The check's reason once it says "connection refused", or its last reason after {@code deadlineMs}. */
  private String refusedWithin(TcpCheck check, long deadlineMs) throws Exception {
    long deadline = System.nanoTime() + deadlineMs * 1_000_000;
    String reason = CheckRuns.reason(vertx, check, BUDGET);
    while (!"connection refused".equals(reason) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      reason = CheckRuns.reason(vertx, check, BUDGET);
    }
    return reason;
  }

  @Test
  void tlsThroughAProxyResetGarbageHangAndRecovery() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", tls.actualPort())) {
      TcpCheck check = check("tls://localhost:" + proxy.port(), true);
      assertThat(CheckRuns.reason(vertx, check, 5000)).isNull();

      proxy.set(TcpProxy.Mode.REFUSE);
      assertThat(refusedWithin(check, 2000)).isEqualTo("connection refused");

      proxy.set(TcpProxy.Mode.RESET);
      assertThat(CheckRuns.reason(vertx, check, BUDGET))
        .isIn("connection closed by peer", "connection closed", "TLS handshake failed");

      proxy.set(TcpProxy.Mode.GARBAGE);
      assertThat(CheckRuns.reason(vertx, check, BUDGET)).isIn("TLS handshake failed", "connection closed by peer");

      proxy.set(TcpProxy.Mode.HANG);
      CompletableFuture<Void> hung = CheckRuns.start(vertx, check, BUDGET);
      assertThat(CheckRuns.someConnection(proxy, BUDGET / 2)).isTrue();
      Thread.sleep(BUDGET / 2);
      assertThat(hung).as("a handshake that never finishes").isNotDone();
      CheckRuns.drop(vertx, check);
      assertThat(CheckRuns.noConnections(proxy, 2000)).as("connections left after a drop").isTrue();

      proxy.set(TcpProxy.Mode.FORWARD);
      assertThat(CheckRuns.reason(vertx, check, 5000)).isNull();
      check.close();
    }
  }
}
