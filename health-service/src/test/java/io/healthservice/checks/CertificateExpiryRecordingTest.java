package io.healthservice.checks;

import io.healthservice.CheckContext;
import io.healthservice.CheckFailure;
import io.healthservice.DependencyCheck;
import io.healthservice.http.LlmEndpoint;
import io.healthservice.http.LlmEndpointCheck;
import io.healthservice.http.LlmProvider;
import io.healthservice.kit.Target;
import io.healthservice.postgres.DatabaseCheck;
import io.healthservice.redis.RedisCheck;
import io.healthservice.redis.RedisMode;
import io.healthservice.redis.RedisTopology;
import io.healthservice.support.CheckRuns;
import io.healthservice.support.Ports;
import io.healthservice.support.RealServers;
import io.healthservice.support.RedisProcess;
import io.healthservice.support.ShortLivedCertificate;
import io.healthservice.support.TlsProxy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each TLS client records the certificate its server presents, made here with a known, short validity:
 * https (an LLM endpoint), rediss:// and Postgres with sslmode, through TLS proxies in front of the real
 * servers. An expired or untrusted certificate still fails the check, and its date is still recorded.
 */
class CertificateExpiryRecordingTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static Vertx vertx;
  private static ShortLivedCertificate tenDays;
  private static volatile CheckContext latest;

  @BeforeAll
  static void setUp() throws Exception {
    vertx = Vertx.vertx();
    tenDays = ShortLivedCertificate.create(0, 10);
  }

  @AfterAll
  static void tearDown() throws Exception {
    tenDays.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Runs {@code call} on an event loop, as the monitor does, and waits (bounded) for its outcome. */
  private static <T> T await(Supplier<Future<T>> call) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    vertx.runOnContext(v -> call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else {
        result.completeExceptionally(ar.cause());
      }
    }));
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
    }
  }

  /** One run of {@code check} on an event loop, awaited; its context is kept for {@link #reported()}. */
  private static Void ping(DependencyCheck check) throws Exception {
    CheckContext context = CheckRuns.context(check, TIMEOUT);
    latest = context;
    return await(() -> check.ping(context));
  }

  /** The certificate end the latest run reported. */
  private static Instant reported() {
    return latest.certificate().orElseThrow();
  }

  private static void assertAboutTenDaysLeft() {
    Instant notAfter = reported();
    Instant expected = Instant.now().plus(Duration.ofDays(10));
    assertThat(Duration.between(notAfter, expected).abs()).isLessThan(Duration.ofMinutes(5));
  }

  private static HttpServer modelsServer(ShortLivedCertificate certificate) throws Exception {
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate.keyCertOptions()))
      .requestHandler(request -> request.response().putHeader("content-type", "application/json")
        .end("{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\"}]}"));
    return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static LlmEndpointCheck llm(HttpServer server, Optional<String> caFile) {
    LlmEndpoint endpoint = new LlmEndpoint("openai", LlmProvider.OPENAI,
      "https://localhost:" + server.actualPort() + "/v1/models", Map.of(), List.of("gpt-4o"), caFile);
    return new LlmEndpointCheck(vertx, new WebClientOptions(), endpoint);
  }

  @Test
  void httpsEndpointRecordsItsCertificate() throws Exception {
    HttpServer server = modelsServer(tenDays);
    LlmEndpointCheck check = llm(server, Optional.of(tenDays.caFile()));
    try {
      ping(check);
      assertAboutTenDaysLeft();
    } finally {
      check.close();
      server.close();
    }
  }

  @Test
  void anExpiredCertificateStillFailsTheCheckAndShowsItsDate() throws Exception {
    try (ShortLivedCertificate expired = ShortLivedCertificate.create(30, 10)) {
      HttpServer server = modelsServer(expired);
      LlmEndpointCheck check = llm(server, Optional.of(expired.caFile()));
      try {
        assertThatThrownBy(() -> ping(check))
          .satisfies(e -> assertThat(CheckFailure.of(e).reason()).isEqualTo("TLS handshake failed"));
        Instant notAfter = reported();
        assertThat(Duration.between(notAfter, Instant.now().minus(Duration.ofDays(20))).abs()).isLessThan(Duration.ofMinutes(5));
      } finally {
        check.close();
        server.close();
      }
    }
  }

  @Test
  void anUntrustedCertificateStillFailsTheCheck() throws Exception {
    HttpServer server = modelsServer(tenDays);
    LlmEndpointCheck check = llm(server, Optional.empty()); // the JVM's CAs do not know it
    try {
      assertThatThrownBy(() -> ping(check))
        .satisfies(e -> assertThat(CheckFailure.of(e).reason()).isEqualTo("TLS handshake failed"));
      assertAboutTenDaysLeft();
    } finally {
      check.close();
      server.close();
    }
  }

  @Test
  void redissRecordsItsCertificate() throws Exception {
    try (TlsProxy proxy = TlsProxy.start(vertx, TlsProxy.Flavour.TLS_FROM_FIRST_BYTE,
      RealServers.host(RealServers.REDIS_URL), RealServers.port(RealServers.REDIS_URL), tenDays)) {
      RedisCheck check = new RedisCheck(vertx, "redis", new Target("rediss://localhost:" + proxy.port(), Optional.empty(),
        Optional.of(proxy.caFile())));
      try {
        ping(check);
        assertThat(proxy.tlsSessions()).isPositive();
        assertAboutTenDaysLeft();
      } finally {
        await(check::close);
      }
    }
  }

  /**
   * Sentinel over Redis' own TLS: the sentinel's certificate ends in 5 days, the master's in 20. The check
   * asks the sentinel first and the master last; it must show the earliest of the two, not the last seen.
   */
  @Test
  void sentinelShowsTheEarliestCertificateOfTheNodesItUses() throws Exception {
    try (ShortLivedCertificate masterCertificate = ShortLivedCertificate.create(0, 20);
         ShortLivedCertificate sentinelCertificate = ShortLivedCertificate.create(0, 5)) {
      Path cas = Files.createTempFile("redis-cas", ".pem");
      Files.writeString(cas, Files.readString(Path.of(masterCertificate.caFile()))
        + Files.readString(Path.of(sentinelCertificate.caFile())));
      int masterTls = Ports.free();
      int sentinelTls = Ports.free();
      try (RedisProcess master = RedisProcess.start("--tls-port", Integer.toString(masterTls),
             "--tls-cert-file", masterCertificate.certificateFile(), "--tls-key-file", masterCertificate.keyFile(),
             "--tls-ca-cert-file", cas.toString(), "--tls-auth-clients", "no");
           RedisProcess sentinel = RedisProcess.startSentinel(String.join("\n", "tls-port " + sentinelTls,
             "tls-cert-file " + sentinelCertificate.certificateFile(), "tls-key-file " + sentinelCertificate.keyFile(),
             "tls-ca-cert-file " + cas, "tls-auth-clients no", "tls-replication yes",
             "sentinel monitor health 127.0.0.1 " + masterTls + " 1"))) {
        String url = "rediss://localhost:" + sentinelTls;
        RedisCheck check = new RedisCheck(vertx, "redis", new Target(url, Optional.empty(), Optional.of(cas.toString())),
          new RedisTopology(RedisMode.SENTINEL, List.of(url), Optional.of("health")));
        try {
          ping(check);
          Instant notAfter = reported();
          assertThat(Duration.between(notAfter, Instant.now().plus(Duration.ofDays(5))).abs())
            .as("the sentinel's certificate (5 days), not the master's (20 days)").isLessThan(Duration.ofMinutes(5));
        } finally {
          await(check::close);
        }
      } finally {
        Files.deleteIfExists(cas);
      }
    }
  }

  @Test
  void postgresWithVerifyFullRecordsItsCertificate() throws Exception {
    postgres("verify-full", Optional.of(tenDays.caFile()));
  }

  @Test
  void postgresWithRequireTrustsAnyCertificateButRecordsIt() throws Exception {
    postgres("require", Optional.empty());
  }

  private static void postgres(String sslMode, Optional<String> caFile) throws Exception {
    try (TlsProxy proxy = TlsProxy.start(vertx, TlsProxy.Flavour.POSTGRES,
      RealServers.host(RealServers.DATABASE_URL), RealServers.port(RealServers.DATABASE_URL), tenDays)) {
      String url = RealServers.via(RealServers.DATABASE_URL, proxy.port()).replace("127.0.0.1", "localhost")
        + "?sslmode=" + sslMode;
      DatabaseCheck check = new DatabaseCheck(vertx, "database", new Target(url, Optional.empty(), caFile), false);
      try {
        // The proxy loads its key store at its first upgrade; a client hello that arrives meanwhile is read
        // as plain bytes and that connection is lost. The next one finds the key loaded.
        for (int attempt = 1; ; attempt++) {
          try {
            ping(check);
            break;
          } catch (Exception e) {
            await(() -> CheckRuns.drop(check));
            if (attempt == 3) {
              throw e;
            }
          }
        }
        assertThat(proxy.tlsSessions()).isPositive();
        assertAboutTenDaysLeft();
      } finally {
        await(check::close);
      }
    }
  }
}
