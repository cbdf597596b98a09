package io.healthservice.nats;

import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.ShortLivedCertificate;
import io.healthservice.support.TcpProxy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NATS check against nats-servers of its own (Debian's 2.9): a token, a user and password, TLS with a CA the
 * check trusts or not, an expired certificate, a name the certificate does not cover. Reasons never hold a secret.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NatsAuthAndTlsTest {

  private static final String TOKEN = "tok-secret-5d1e";
  private static final String USER = "health";
  private static final String PASSWORD = "pw-secret-77ac";
  private static final long RUN_MS = 3_000;

  private static final List<NatsCheck> CHECKS = new CopyOnWriteArrayList<>();
  private static Vertx vertx;
  private static ShortLivedCertificate valid;
  private static ShortLivedCertificate expired;
  private static NatsServer tokenServer;
  private static NatsServer userServer;
  private static NatsServer tlsServer;
  private static NatsServer expiredServer;
  private static NatsServer elsewhere;

  @BeforeAll
  @Timeout(value = 120, unit = TimeUnit.SECONDS) // two certificates by keytool (a JVM per step) and five servers
  static void start() throws Exception {
    vertx = Vertx.vertx();
    valid = ShortLivedCertificate.create(1, 30);
    expired = ShortLivedCertificate.create(10, 5);
    tokenServer = NatsServer.start("--auth", TOKEN);
    userServer = NatsServer.start("--user", USER, "--pass", PASSWORD);
    tlsServer = NatsServer.start("--auth", TOKEN, "--tls", "--tlscert", valid.certificateFile(), "--tlskey", valid.keyFile());
    expiredServer = NatsServer.start("--tls", "--tlscert", expired.certificateFile(), "--tlskey", expired.keyFile());
    // 127.0.0.2 is loopback too, but not a name the certificate holds (localhost, 127.0.0.1).
    elsewhere = NatsServer.startOn("127.0.0.2", "--tls", "--tlscert", valid.certificateFile(), "--tlskey", valid.keyFile());
  }

  @AfterAll
  static void stop() throws Exception {
    for (NatsCheck check : CHECKS) {
      check.close().await(5, TimeUnit.SECONDS);
    }
    for (AutoCloseable open : new AutoCloseable[] {tokenServer, userServer, tlsServer, expiredServer, elsewhere, valid, expired}) {
      if (open != null) {
        open.close();
      }
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static NatsCheck check(String url, Optional<String> password, Optional<String> token, Optional<String> caFile) {
    NatsCheck check = new NatsCheck(vertx, "events", new NatsTarget(new Target(url, password, caFile), token));
    CHECKS.add(check);
    return check;
  }

  /** One run; its reason (null when up) never shows a secret, nor does the check's target. */
  private static CheckRuns.Outcome run(NatsCheck check) throws Exception {
    CheckRuns.Outcome outcome = CheckRuns.run(vertx, check, RUN_MS);
    for (String secret : new String[] {TOKEN, PASSWORD}) {
      assertThat(String.valueOf(outcome.reason())).doesNotContain(secret);
      assertThat(check.target()).doesNotContain(secret);
    }
    return outcome;
  }

  @Test
  void aTokenServerTakesTheRightTokenAndRefusesAWrongOne() throws Exception {
    String url = tokenServer.url("nats");
    assertThat(run(check(url, Optional.empty(), Optional.of(TOKEN), Optional.empty())).reason()).isNull();
    assertThat(run(check(url, Optional.empty(), Optional.of(TOKEN + "-wrong"), Optional.empty())).reason())
      .isEqualTo("authorization violation");
    assertThat(run(check(url, Optional.empty(), Optional.empty(), Optional.empty())).reason())
      .isEqualTo("authorization violation");
  }

  @Test
  void aUserServerTakesTheRightPasswordFromTheUrlOrAFileAndRefusesAWrongOne() throws Exception {
    String host = userServer.host() + ":" + userServer.port();
    assertThat(run(check("nats://" + USER + ":" + PASSWORD + "@" + host, Optional.empty(), Optional.empty(),
      Optional.empty())).reason()).isNull();
    assertThat(run(check("nats://" + USER + "@" + host, Optional.of(PASSWORD), Optional.empty(), Optional.empty())).reason())
      .isNull();
    NatsCheck wrong = check("nats://" + USER + ":" + PASSWORD + "x@" + host, Optional.empty(), Optional.empty(), Optional.empty());
    assertThat(run(wrong).reason()).isEqualTo("authorization violation");
    assertThat(wrong.target()).isEqualTo("nats://" + USER + ":***@" + host);
  }

  @Test
  void tlsWithTheCaIsUpAndRecordsTheCertificateBothByTlsSchemeAndWhenTheServerRequiresIt() throws Exception {
    Optional<String> ca = Optional.of(valid.caFile());
    for (String url : new String[] {tlsServer.url("tls"), tlsServer.url("nats"), "tls://localhost:" + tlsServer.port()}) {
      CheckRuns.Outcome up = run(check(url, Optional.empty(), Optional.of(TOKEN), ca));
      assertThat(up.reason()).as(url).isNull();
      assertThat(up.certificate()).as(url)
        .hasValueSatisfying(notAfter -> assertThat(notAfter).isBetween(Instant.now().plus(28, ChronoUnit.DAYS),
          Instant.now().plus(30, ChronoUnit.DAYS)));
    }
    assertThat(run(check(tlsServer.url("tls"), Optional.empty(), Optional.of(TOKEN + "-wrong"), ca)).reason())
      .isEqualTo("authorization violation");
  }

  @Test
  void tlsRunsLeaveNoSocketAndNoThreadBehind() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", tlsServer.port())) {
      NatsCheck check = check("tls://127.0.0.1:" + proxy.port(), Optional.empty(), Optional.of(TOKEN), Optional.of(valid.caFile()));
      assertThat(run(check).reason()).isNull(); // the first run builds the TLS context (on a Vert.x worker)
      Set<String> threads = threadNames();
      for (int i = 0; i < 10; i++) {
        assertThat(run(check).reason()).isNull();
      }
      Exec.await("no socket left on the proxy", Duration.ofSeconds(3), () -> proxy.openConnections() == 0,
        () -> "open: " + proxy.openConnections());
      assertThat(threadNames()).isSubsetOf(threads);
    }
  }

  private static Set<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
  }

  @Test
  void tlsWithoutTheCaIsDownWithATlsReasonAndTheCertificateStillShows() throws Exception {
    CheckRuns.Outcome down = run(check(tlsServer.url("tls"), Optional.empty(), Optional.of(TOKEN), Optional.empty()));
    assertThat(down.reason()).isEqualTo("TLS handshake failed");
    assertThat(down.certificate()).isPresent();
  }

  @Test
  void anExpiredCertificateIsDownAndItsDateShowsWhy() throws Exception {
    CheckRuns.Outcome down = run(check(expiredServer.url("tls"), Optional.empty(), Optional.empty(),
      Optional.of(expired.caFile())));
    assertThat(down.reason()).isEqualTo("TLS handshake failed");
    assertThat(down.certificate()).hasValueSatisfying(notAfter -> assertThat(notAfter).isBefore(Instant.now()));
  }

  @Test
  void aHostTheCertificateDoesNotNameIsDown() throws Exception {
    CheckRuns.Outcome down = run(check(elsewhere.url("tls"), Optional.empty(), Optional.empty(), Optional.of(valid.caFile())));
    assertThat(down.reason()).isEqualTo("TLS handshake failed");
  }

  @Test
  void aTlsUrlToAServerWithoutTlsIsDown() throws Exception {
    CheckRuns.Outcome down = run(check(tokenServer.url("tls"), Optional.empty(), Optional.of(TOKEN), Optional.empty()));
    assertThat(down.reason()).isEqualTo("TLS not offered by the server");
    assertThat(down.certificate()).isEmpty();
  }
}
