package io.healthservice.mongodb;

import io.healthservice.FailureKind;
import io.healthservice.kit.Target;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Exec;
import io.healthservice.support.OnContext;
import io.healthservice.support.ShortLivedCertificate;
import io.healthservice.support.TcpProxy;
import io.healthservice.support.TlsProxy;
import io.healthservice.CheckFailure;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mongodb check against {@link MongoStandIn}, a MongoDB-wire-compatible stand-in (mongo-java-server extended
 * to answer {@code hello}), <b>not MongoDB</b>: none is packaged for this machine. Directly, through a
 * {@link TcpProxy} that refuses, hangs and resets, and through a TLS proxy.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MongoCheckTest {

  static final String PASSWORD = "s3cret-pw-77";
  /** Generous: this 2-core machine is often at a load of 10 (and a client's first TLS handshake is slow). */
  static final long RUN_MS = 3000;
  private static Vertx vertx;
  private static MongoStandIn server;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    server = MongoStandIn.start(MongoStandIn.Options.standalone().denying("denied"));
    warmUp(vertx, server);
  }

  /** One run with a long budget: the driver's classes load once, so later runs measure the steady state. */
  static void warmUp(Vertx vertx, MongoStandIn server) throws Exception {
    MongoCheck check = check(vertx, Target.of(server.url()), false);
    assertThat(CheckRuns.reason(vertx, check, 20_000)).isNull();
    OnContext.await(vertx, check::close);
  }

  @AfterAll
  static void tearDown() throws Exception {
    server.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static MongoCheck check(Vertx vertx, Target target, boolean expectWritable) {
    return new MongoCheck(vertx, "orders", new MongoTarget(target, expectWritable));
  }

  private static MongoCheck check(String url) {
    return check(vertx, Target.of(url), false);
  }

  private static String reason(MongoCheck check, long budgetMs) throws Exception {
    String reason = CheckRuns.reason(vertx, check, budgetMs);
    assertThat(String.valueOf(reason)).doesNotContain(PASSWORD);
    return reason;
  }

  private static void close(MongoCheck check) throws Exception {
    OnContext.await(vertx, check::close);
  }

  @Test
  void upDirectlyAndThroughAProxyAndNothingLeftOpen() throws Exception {
    MongoCheck direct = check(server.url() + "/app");
    assertThat(reason(direct, RUN_MS)).isNull();
    close(direct);
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", server.port())) {
      MongoCheck check = check("mongodb://127.0.0.1:" + proxy.port());
      assertThat(reason(check, RUN_MS)).isNull();
      assertThat(reason(check, RUN_MS)).isNull();
      // One monitor connection and one pooled connection, kept between runs.
      assertThat(proxy.openConnections()).isEqualTo(2);
      close(check);
      Exec.await("no socket left", Duration.ofSeconds(5), () -> proxy.openConnections() == 0,
        () -> "open: " + proxy.openConnections());
    }
  }

  @Test
  void throughProxyRefusedHungResetThenRecovers() throws Exception {
    try (TcpProxy proxy = TcpProxy.start(vertx, "127.0.0.1", server.port())) {
      MongoCheck check = check("mongodb://127.0.0.1:" + proxy.port());
      assertThat(reason(check, RUN_MS)).isNull();

      proxy.set(TcpProxy.Mode.REFUSE);
      CheckRuns.Outcome refused = runAndDrop(check, RUN_MS);
      // The kept connection fails first (reset by the proxy); the next client meets the refusal.
      assertThat(refused.reason()).isNotNull();
      assertThat(runAndDrop(check, RUN_MS).reason()).isEqualTo("connection refused");

      proxy.set(TcpProxy.Mode.HANG);
      long started = System.nanoTime();
      String hung = runAndDrop(check, RUN_MS).reason();
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      // The monitor's hello times out as server selection does: either says so.
      assertThat(hung).isIn("no server available (server selection timed out)", "timeout waiting for the reply");
      assertThat(tookMs).isLessThan(RUN_MS + 1000);
      Exec.await("the hung sockets closed", Duration.ofSeconds(5), () -> proxy.openConnections() == 0,
        () -> "open: " + proxy.openConnections());

      proxy.set(TcpProxy.Mode.RESET);
      assertThat(runAndDrop(check, RUN_MS).reason()).startsWith("connection closed");

      proxy.set(TcpProxy.Mode.FORWARD);
      assertThat(reason(check, RUN_MS)).isNull();
      close(check);
    }
  }

  /** A run, then what the monitor does after a failed one (the check drops its client). */
  private static CheckRuns.Outcome runAndDrop(MongoCheck check, long budgetMs) throws Exception {
    CheckRuns.Outcome outcome = CheckRuns.run(vertx, check, budgetMs);
    CheckRuns.drop(vertx, check);
    return outcome;
  }

  @Test
  void aCommandErrorIsItsCodeAndCodeNameNeverTheServersMessage() throws Exception {
    MongoCheck check = check(server.url() + "/denied");
    assertThat(reason(check, RUN_MS)).isEqualTo("command failed (code 13 Unauthorized)");
    close(check);
  }

  @Test
  void anAuthenticationFailureShowsNoPassword() throws Exception {
    try (MongoStandIn strict = MongoStandIn.start(MongoStandIn.Options.standalone().failingAuthentication())) {
      String url = "mongodb://app:" + PASSWORD + "@127.0.0.1:" + strict.port() + "/app?authSource=admin";
      MongoCheck inUrl = check(url);
      // authSource is masked too: the kit masks any query parameter whose name holds "auth".
      assertThat(inUrl.target()).doesNotContain(PASSWORD).isEqualTo("mongodb://app:***@127.0.0.1:" + strict.port()
        + "/app?authSource=***");
      assertThat(reason(inUrl, RUN_MS)).isEqualTo("authentication failed (code 18 AuthenticationFailed)");
      close(inUrl);

      MongoCheck fromFile = check(vertx, new Target("mongodb://app@127.0.0.1:" + strict.port(), Optional.of(PASSWORD),
        Optional.empty()), false);
      assertThat(fromFile.target()).doesNotContain(PASSWORD);
      assertThat(reason(fromFile, RUN_MS)).isEqualTo("authentication failed (code 18 AuthenticationFailed)");
      close(fromFile);
    }
  }

  @Test
  void tlsWithTheGivenCaAndTheCertificatesEndRecorded() throws Exception {
    try (ShortLivedCertificate certificate = ShortLivedCertificate.create(1, 10);
         TlsProxy tls = TlsProxy.start(vertx, TlsProxy.Flavour.TLS_FROM_FIRST_BYTE, "127.0.0.1", server.port(), certificate);
         TlsProxy selfSigned = TlsProxy.start(vertx, TlsProxy.Flavour.TLS_FROM_FIRST_BYTE, "127.0.0.1", server.port())) {
      String url = "mongodb://127.0.0.1:" + tls.port() + "/?tls=true";
      Target target = new Target(url, Optional.empty(), Optional.of(certificate.caFile()));
      // The JVM's first TLS handshake loads and warms its crypto: seconds on this busy machine, once.
      MongoCheck cold = check(vertx, target, false);
      assertThat(CheckRuns.reason(vertx, cold, 20_000)).isNull();
      close(cold);
      MongoCheck check = check(vertx, target, false);
      CheckRuns.Outcome up = CheckRuns.run(vertx, check, RUN_MS);
      assertThat(up.reason()).isNull();
      assertThat(up.certificate()).hasValueSatisfying(end ->
        assertThat(end).isBetween(Instant.now().plus(Duration.ofDays(8)), Instant.now().plus(Duration.ofDays(10))));
      close(check);

      String elsewhere = "mongodb://127.0.0.1:" + selfSigned.port() + "/?tls=true";
      MongoCheck untrusted = check(vertx, new Target(elsewhere, Optional.empty(), Optional.of(certificate.caFile())), false);
      assertThat(reason(untrusted, RUN_MS)).isEqualTo("TLS handshake failed");
      close(untrusted);
    }
  }

  @Test
  void theDecisionOnAReply() {
    var primary = new io.vertx.core.json.JsonObject().put("ok", 1.0).put("isWritablePrimary", true)
      .put("setName", "rs0").put("primary", "a:27017");
    assertThat(MongoCheck.judge(primary, "rs0", true)).isNull();
    assertThat(MongoCheck.judge(primary, "rs1", false).reason()).isEqualTo("replica set name mismatch");
    assertThat(MongoCheck.judge(primary.copy().put("isWritablePrimary", false), null, true).reason())
      .isEqualTo("member is not the writable primary");
    assertThat(MongoCheck.judge(primary.copy().put("isWritablePrimary", false), null, false)).isNull();
    assertThat(MongoCheck.judge(primary.copy().putNull("primary"), "rs0", false).reason()).isEqualTo("no primary");
    assertThat(MongoCheck.judge(primary.copy().put("ok", 0), null, false).kind()).isEqualTo(FailureKind.ERROR);
    assertThat(MongoCheck.judge(null, null, false)).isInstanceOf(CheckFailure.class);
  }
}
