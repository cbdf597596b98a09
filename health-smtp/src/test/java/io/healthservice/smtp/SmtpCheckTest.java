package io.healthservice.smtp;

import io.healthservice.CheckFailure;
import io.healthservice.FailureKind;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.ShortLivedCertificate;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smtp check against aiosmtpd servers of its own ({@link SmtpServer}: plain, STARTTLS, implicit TLS, a 554
 * greeting, a 451 to EHLO), through a {@link TcpProxy} that refuses, hangs and resets. Stand-ins for what aiosmtpd
 * cannot be made to say are in {@link SmtpStandInTest}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SmtpCheckTest {

  private static final long RUN_MS = 5000; // roomy: a loaded CI machine slows the TLS handshakes
  private static Vertx vertx;
  private static ShortLivedCertificate certificate;
  private static SmtpServer plain;
  private static SmtpServer starttls;
  private static SmtpServer smtps;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    certificate = ShortLivedCertificate.create(1, 30);
    plain = SmtpServer.start(SmtpServer.Mode.PLAIN);
    starttls = SmtpServer.start(SmtpServer.Mode.STARTTLS, certificate);
    smtps = SmtpServer.start(SmtpServer.Mode.SMTPS, certificate);
  }

  @AfterAll
  static void tearDown() throws Exception {
    for (SmtpServer server : new SmtpServer[] {plain, starttls, smtps}) {
      if (server != null) {
        server.close();
      }
    }
    if (certificate != null) {
      certificate.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static SmtpCheck check(int port, boolean tls, boolean startTls, boolean requireTls, Optional<String> ca) {
    return new SmtpCheck(vertx, "mail", new SmtpTarget("127.0.0.1", port, tls, startTls, requireTls, "probe.test", ca));
  }

  /** A check on 127.0.0.1:{@code port}, plain or with STARTTLS, trusting the JVM's CAs. */
  static SmtpCheck checkOn(Vertx on, int port, boolean startTls) {
    return new SmtpCheck(on, "mail", new SmtpTarget("127.0.0.1", port, false, startTls, false, "probe.test", Optional.empty()));
  }

  private static SmtpCheck plainCheck(int port) {
    return check(port, false, false, false, Optional.empty());
  }

  private static Optional<String> ca() {
    return Optional.of(certificate.caFile());
  }

  private static void assertCertificateOfThisServer(CheckRuns.Outcome outcome) {
    assertThat(outcome.certificate()).hasValueSatisfying(notAfter -> assertThat(notAfter)
      .isBetween(Instant.now().plus(28, ChronoUnit.DAYS), Instant.now().plus(30, ChronoUnit.DAYS)));
  }

  @Test
  void upAgainstAPlainServerWithAMultiLineGreetingAndNothingLeftOpen() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, plain.host(), plain.port())) {
      SmtpCheck check = plainCheck(proxy.port());
      assertThat(check.target()).isEqualTo("smtp://127.0.0.1:" + proxy.port());
      for (int i = 0; i < 3; i++) {
        CheckRuns.Outcome outcome = CheckRuns.run(vertx, check, RUN_MS);
        assertThat(outcome.reason()).as(plain.log()).isNull();
        assertThat(outcome.certificate()).isEmpty();
      }
      assertThat(CheckRuns.noConnections(proxy, 3000)).as("open: " + proxy.openConnections()).isTrue();
      check.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void upWithStartTlsAndTheCaFileTheCertificateRecorded() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, starttls.host(), starttls.port())) {
      SmtpCheck check = check(proxy.port(), false, true, false, ca());
      CheckRuns.Outcome outcome = CheckRuns.run(vertx, check, RUN_MS);
      assertThat(outcome.reason()).as(starttls.log()).isNull();
      assertCertificateOfThisServer(outcome);
      // require_tls alone upgrades a server that offers STARTTLS
      CheckRuns.Outcome required = CheckRuns.run(vertx, check(proxy.port(), false, false, true, ca()), RUN_MS);
      assertThat(required.reason()).isNull();
      assertCertificateOfThisServer(required);
      assertThat(CheckRuns.noConnections(proxy, 3000)).as("open: " + proxy.openConnections()).isTrue();
    }
  }

  @Test
  void startTlsToAnUntrustedCertificateIsDownWithATlsReason() throws Exception {
    CheckRuns.Outcome outcome = CheckRuns.run(vertx, check(starttls.port(), false, true, false, Optional.empty()), RUN_MS);
    assertThat(outcome.reason()).isEqualTo("TLS handshake failed");
    assertCertificateOfThisServer(outcome); // the date still shows, as for every TLS kind
  }

  @Test
  void theCertificateMustNameTheHostConnectedTo() throws Exception {
    // 127.0.0.2 reaches the same server (through a pipe), but the certificate names only localhost and 127.0.0.1.
    NetClient client = vertx.createNetClient();
    NetServer pipe = vertx.createNetServer().connectHandler(in -> {
      in.pause();
      client.connect(starttls.port(), starttls.host()).onFailure(e -> in.close()).onSuccess(out -> {
        in.pipeTo(out);
        out.pipeTo(in);
        in.resume();
      });
    }).listen(0, "127.0.0.2").await(5, TimeUnit.SECONDS);
    try {
      SmtpCheck elsewhere = new SmtpCheck(vertx, "mail",
        new SmtpTarget("127.0.0.2", pipe.actualPort(), false, true, false, "probe.test", ca()));
      assertThat(CheckRuns.run(vertx, elsewhere, RUN_MS).reason()).isEqualTo("TLS handshake failed");
    } finally {
      pipe.close().await(5, TimeUnit.SECONDS);
      client.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void tlsAskedOfAServerThatDoesNotOfferStartTlsIsDown() throws Exception {
    assertThat(CheckRuns.run(vertx, check(plain.port(), false, false, true, ca()), RUN_MS).reason())
      .isEqualTo("STARTTLS not offered");
    assertThat(CheckRuns.run(vertx, check(plain.port(), false, true, false, ca()), RUN_MS).reason())
      .isEqualTo("STARTTLS not offered");
  }

  @Test
  void implicitTlsUpWithTheCaFileAndDownWithoutIt() throws Exception {
    CheckRuns.Outcome outcome = CheckRuns.run(vertx, check(smtps.port(), true, false, true, ca()), RUN_MS);
    assertThat(outcome.reason()).as(smtps.log()).isNull();
    assertCertificateOfThisServer(outcome);
    assertThat(check(smtps.port(), true, false, false, ca()).target()).isEqualTo("smtps://127.0.0.1:" + smtps.port());

    CheckRuns.Outcome untrusted = CheckRuns.run(vertx, check(smtps.port(), true, false, false, Optional.empty()), RUN_MS);
    assertThat(untrusted.reason()).isEqualTo("TLS handshake failed");
    assertCertificateOfThisServer(untrusted);
  }

  @Test
  void aRunThatSpokeNoTlsReportsNoCertificate() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, smtps.host(), smtps.port())) {
      SmtpCheck check = check(proxy.port(), true, false, false, ca());
      assertCertificateOfThisServer(CheckRuns.run(vertx, check, RUN_MS));
      proxy.set(TcpProxy.Mode.REFUSE);
      CheckRuns.Outcome refused = CheckRuns.run(vertx, check, RUN_MS);
      assertThat(refused.reason()).isEqualTo("connection refused");
      assertThat(refused.certificate()).isEmpty(); // not the previous run's date again
    }
  }

  @Test
  void errorRepliesAreDownByTheirCodeNeverTheServersText() throws Exception {
    try (SmtpServer refusing = SmtpServer.start(SmtpServer.Mode.GREETING_554);
         SmtpServer busy = SmtpServer.start(SmtpServer.Mode.EHLO_451)) {
      String greeting = CheckRuns.run(vertx, plainCheck(refusing.port()), RUN_MS).reason();
      String ehlo = CheckRuns.run(vertx, plainCheck(busy.port()), RUN_MS).reason();
      assertThat(greeting).isEqualTo("greeting 554").doesNotContain(SmtpServer.SECRET_TEXT);
      assertThat(ehlo).isEqualTo("EHLO 451").doesNotContain(SmtpServer.SECRET_TEXT);
    }
  }

  @Test
  void throughProxyRefusedHungResetThenRecovers() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, plain.host(), plain.port())) {
      SmtpCheck check = plainCheck(proxy.port());
      assertThat(CheckRuns.run(vertx, check, RUN_MS).reason()).isNull();

      proxy.set(TcpProxy.Mode.REFUSE);
      CheckFailure refused = failureOf(check, RUN_MS);
      assertThat(refused.kind()).isEqualTo(FailureKind.REFUSED);
      assertThat(refused.reason()).isEqualTo("connection refused");

      // A server that accepts and never greets (a tarpit beyond the budget): the run ends by itself.
      proxy.set(TcpProxy.Mode.HANG);
      long started = System.nanoTime();
      CheckFailure hung = failureOf(check, 400);
      assertThat(hung.kind()).isEqualTo(FailureKind.TIMEOUT);
      assertThat(hung.reason()).isEqualTo("timeout waiting for the greeting");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      Exec.await("no socket left on the proxy", Duration.ofSeconds(3), () -> proxy.openConnections() == 0,
        () -> "open: " + proxy.openConnections());

      proxy.set(TcpProxy.Mode.RESET);
      assertThat(failureOf(check, RUN_MS).kind()).isEqualTo(FailureKind.REFUSED);

      // A greeting late, but within the budget, is up.
      proxy.delayMs(300).set(TcpProxy.Mode.SLOW);
      assertThat(CheckRuns.run(vertx, check, RUN_MS).reason()).isNull();

      proxy.set(TcpProxy.Mode.FORWARD);
      assertThat(CheckRuns.run(vertx, check, RUN_MS).reason()).isNull();
      assertThat(CheckRuns.noConnections(proxy, 3000)).as("open: " + proxy.openConnections()).isTrue();
    }
  }

  @Test
  void aRunTheMonitorGaveUpOnClosesItsSocket() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, plain.host(), plain.port())) {
      SmtpCheck check = plainCheck(proxy.port());
      proxy.set(TcpProxy.Mode.HANG);
      OnContext.start(vertx, () -> check.ping(CheckRuns.context(check, Duration.ofSeconds(30))));
      assertThat(CheckRuns.someConnection(proxy, 3000)).isTrue();
      CheckRuns.drop(vertx, check); // what the monitor does after its own timeout
      assertThat(CheckRuns.noConnections(proxy, 3000)).as("open: " + proxy.openConnections()).isTrue();
      proxy.set(TcpProxy.Mode.FORWARD);
      assertThat(CheckRuns.run(vertx, check, RUN_MS).reason()).isNull();
    }
  }

  static CheckFailure failureOf(SmtpCheck check, long budgetMs) throws Exception {
    Throwable error = OnContext.failure(vertx, () -> check.ping(CheckRuns.context(check, Duration.ofMillis(budgetMs))));
    assertThat(error).isInstanceOf(CheckFailure.class);
    return (CheckFailure) error;
  }
}
